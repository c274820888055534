// Steps several end-to-end tests share: making a round through the UI as the chair would.

import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const IMPORT_DATA = join(ROOT, "tests", "data", "import");

/** Fills in the start screen and creates a round from a template; waits for the set-up screen. */
export async function createRound(app, { template = "standard", title = "Tilskudd 2026", frame = "20 500 000", deadline = "01.09.2026" } = {}) {
  await app.click(`template-${template}`);
  await app.fill("new-title", title);
  await app.fill("new-frame", frame);
  await app.fill("new-deadline", deadline);
  await app.click("create-round");
  await app.waitForText("round-name", title);
  return join(app.dialogs, "ny-runde.samvurd");
}

/** Imports applications from a fixture file through the preview; returns the preview's count text. */
export async function importApplications(app, fixture) {
  app.dialogFile("soknader.csv", readFileSync(join(IMPORT_DATA, fixture)));
  await app.click("tab-applications");
  await app.click("import-applications");
  const count = await app.waitForText("import-count", /søknader uten feil/);
  await app.click("import-confirm");
  await app.waitForText("notice-applications", /er importert/);
  return count;
}

export async function addMember(app, name, organisation, role) {
  await app.click("tab-members");
  await app.fill("member-name", name);
  await app.fill("member-organisation", organisation);
  await app.select("member-role", role);
  await app.click("add-member");
  await app.waitForText("notice-members", `${name} er lagt til`);
}

/** On a round without an identity: go to scoring and choose this member. */
export async function becomeMember(app, memberId) {
  await app.click("nav-scoring");
  await app.click(`identity-${memberId}`);
  await app.click("identity-confirm");
  await app.find("progress");
}

const SHOT_SIZES = [
  [1280, 800],
  [1024, 640],
];
export const SCREENSHOTS = join(ROOT, "target", "screenshots");

const AXE_SOURCE = join(ROOT, "ui", "node_modules", "axe-core", "axe.min.js");
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/**
 * Runs axe-core (WCAG 2.1 A and AA rules) in the real webview on the screen as it is, and fails
 * with one line per violation and element: rule, element, what is wrong.
 */
export async function checkAccessibility(app, name) {
  const loaded = await app.execute("return typeof window.axe !== 'undefined';");
  if (!loaded) await app.execute(readFileSync(AXE_SOURCE, "utf8"));
  const result = await app.executeAsync(
    `const done = arguments[arguments.length - 1];
     window.axe
       .run(document, { runOnly: { type: "tag", values: ${JSON.stringify(AXE_TAGS)} }, resultTypes: ["violations"] })
       .then((r) => done({ violations: r.violations.map((v) => ({
         id: v.id,
         help: v.help,
         nodes: v.nodes.map((n) => ({ target: n.target.join(" "), summary: n.failureSummary })),
       })) }))
       .catch((e) => done({ error: String(e) }));`,
  );
  assert.ok(!result.error, `axe-core failed on ${name}: ${result.error}`);
  const lines = result.violations.flatMap((v) =>
    v.nodes.map((n) => `  ${v.id} (${v.help}) at ${n.target}: ${n.summary.replace(/\s+/g, " ")}`),
  );
  assert.ok(lines.length === 0, `${name} breaks WCAG 2.1 AA rules:\n${lines.join("\n")}`);
}

/**
 * Screenshots of the screen at both laptop sizes into target/screenshots/ (for people to look
 * at), and the layout check every screen must pass: nothing wider than the window. With
 * `windowStill`, also that only the screen scrolls, never the window with the top bar (the
 * dashboard holds to it; the scoring and merge screens do not yet). `prepare` runs after each
 * resize. At the larger size, also the accessibility check (axe-core, WCAG 2.1 AA).
 */
export async function shoot(app, name, prepare = async () => {}, { windowStill = true } = {}) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  for (const [width, height] of SHOT_SIZES) {
    await app.setWindowSize(width, height);
    // Let the layout settle after the resize.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await prepare();
    await app.screenshot(join(SCREENSHOTS, `${name}-${width}x${height}.png`));
    const { wide, mainWide, tall } = await app.execute(`
      const page = document.documentElement;
      const main = document.querySelector("main");
      return {
        wide: page.scrollWidth - page.clientWidth,
        mainWide: main ? main.scrollWidth - main.clientWidth : 0,
        tall: page.scrollHeight - page.clientHeight,
      };`);
    assert.ok(Math.max(wide, mainWide) <= 0, `${name} at ${width}×${height} is ${Math.max(wide, mainWide)}px wider than the window`);
    if (windowStill) assert.ok(tall <= 0, `${name} at ${width}×${height} makes the window itself scroll by ${tall}px`);
    if (width === SHOT_SIZES[0][0]) await checkAccessibility(app, name);
  }
  await app.setWindowSize(1280, 800);
}
