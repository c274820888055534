// Nothing a person did is lost (issue 14): text typed just before the window closes, a score
// file dropped while a merge runs, and a justification edited alone in the meeting.
// The window is closed the way the window manager's close button closes it: the test build
// turns the event `e2e://close-window` into the same close request, since WebDriver cannot press
// that button. Drops are imitated with the window's own drag-and-drop event, as in merge.test.mjs.

import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { App, Keys } from "./webdriver.mjs";
import { IMPORT_DATA, becomeMember } from "./steps.mjs";

const CRITERIA = ["baerekraft", "beon", "samiske-pasienter", "minste-sykehus", "spredning"];
const TYPED = "Godt forankret i begge kommunene.";
const DRAFT = "Mangler tall for 2027; spør søkeren før vi skårer.";

function cli(...args) {
  const binary = process.env.SAMVURD_CLI;
  if (!binary) throw new Error("SAMVURD_CLI must name the samvurd binary");
  return execFileSync(binary, ["--som", "testleder", ...args], { encoding: "utf8" });
}

function makeRound(path) {
  cli("create", path, "--title", "Tilskudd 2026", "--frame", "20 500 000", "--template", "standard", "--deadline", "01.09.2026");
  cli("member", "add", path, "--id", "kari-nordmann", "--name", "Kari Nordmann", "--organisation", "Drammen kommune", "--role", "kommune");
  cli("member", "add", path, "--id", "ola-hansen", "--name", "Ola Hansen", "--organisation", "Vestre Viken HF", "--role", "hf");
  cli("import", "applications", path, join(IMPORT_DATA, "soknader-excel.csv"));
}

/** A member's copy of `master` with a score on every criterion of `application`, exported. */
function scoreFile(master, directory, member, application, output) {
  const copy = join(directory, `kopi-${member}.samvurd`);
  copyFileSync(master, copy);
  const rows = ["Medlem;Søknad;Kriterium;Skår;Begrunnelse"];
  CRITERIA.forEach((criterion, index) => rows.push(`${member};${application};${criterion};${(index % 7) + 1};`));
  const csv = join(directory, `skarer-${member}.csv`);
  writeFileSync(csv, rows.join("\n") + "\n");
  cli("import", "scores", copy, csv);
  cli("export-scores", copy, "--member", member, "--output", output);
  return output;
}

async function emitEvent(app, event, payload = null) {
  await app.execute("window.__TAURI_INTERNALS__.invoke('plugin:event|emit', { event: arguments[0], payload: arguments[1] })", [event, payload]);
}

/** Waits until the app's window is gone (its WebDriver session stops answering); returns how long it took. */
async function waitUntilClosed(app, started) {
  for (;;) {
    try {
      await app.execute("return 1");
    } catch {
      return Date.now() - started;
    }
    if (Date.now() - started > 10_000) throw new Error("the window did not close");
    await sleep(50);
  }
}

test("a score and two justifications typed just before the window closes are there after a restart", { timeout: 180_000 }, async () => {
  const directory = mkdtempSync(join(tmpdir(), "samvurd-close-"));
  const round = join(directory, "runde.samvurd");
  makeRound(round);
  let app = await App.start({ args: [round] });
  const { home, dialogs } = app;
  try {
    await becomeMember(app, "kari-nordmann");
    await app.until(async () => (await app.focused()) === `score-${CRITERIA[0]}`, "the first criterion");
    // A score and its justification on the first criterion …
    await app.keys("5" + Keys.tab);
    await app.keys(TYPED);
    // … and a justification alone on the second, which has no score yet: a draft.
    await (await app.find(`justification-${CRITERIA[1]}`)).click();
    await app.keys(DRAFT);
    // Closed right after the last key, well inside the UI's half-second wait before it sends.
    const started = Date.now();
    await emitEvent(app, "e2e://close-window");
    const took = await waitUntilClosed(app, started);
    assert.ok(took < 4000, `closing took ${took} ms; the shell waits at most a second for the UI`);
  } finally {
    await app.quit();
  }

  app = await App.start({ args: [round], home, dialogDir: dialogs });
  try {
    await app.until(async () => (await app.focused()) === `score-${CRITERIA[0]}`, "the first criterion after the restart");
    const values = await app.execute("return [...document.querySelectorAll('section.criterion')].map((card) => card.dataset.value)");
    assert.equal(values[0], "5");
    assert.equal(values[1], "", "the draft is no score");
    assert.equal(await (await app.find(`justification-${CRITERIA[0]}`)).property("value"), TYPED);
    assert.equal(await (await app.find(`justification-${CRITERIA[1]}`)).property("value"), DRAFT);
  } finally {
    await app.quit();
  }
  // The draft is in the member's score file, as a record without a value.
  const output = join(directory, "skarer.json");
  cli("export-scores", round, "--member", "kari-nordmann", "--output", output);
});

test("a score file dropped while a merge runs ends up in the list, and a justification edited alone in the meeting is kept", { timeout: 240_000 }, async () => {
  const directory = mkdtempSync(join(tmpdir(), "samvurd-drop-"));
  const master = join(directory, "leder.samvurd");
  makeRound(master);
  const kari = scoreFile(master, directory, "kari-nordmann", "VV-2026-001", join(directory, "skarer-kari.json"));
  const ola = scoreFile(master, directory, "ola-hansen", "VV-2026-002", join(directory, "skarer-ola.json"));
  const app = await App.start({ args: [master] });
  try {
    await app.click("nav-merge");
    writeFileSync(join(app.dialogs, "skarfiler.txt"), kari + "\n");
    await app.click("choose-score-files");
    await app.waitForText("merge-summary", /kan slås sammen/);
    // «Slå sammen», and a file dropped on the window while it runs.
    await app.click("merge-confirm");
    await emitEvent(app, "tauri://drag-drop", { paths: [ola], position: { x: 400, y: 300 } });
    const rows = await app.until(async () => {
      const shown = await app.execute(`
        return [...document.querySelectorAll('[data-testid="merge-row"]')].map((row) => [row.dataset.file, row.dataset.status]);`);
      return shown.length === 1 && shown[0][0] === "skarer-ola.json" && shown[0][1] === "would_merge" ? shown : null;
    }, "the dropped file, checked after the merge");
    assert.deepEqual(rows, [["skarer-ola.json", "would_merge"]]);
    assert.match(await app.textOf("merge-previous"), /1 fil er lagt inn/);
    const shown = JSON.parse(cli("show", master, "--json"));
    const given = Object.fromEntries(shown.members.map((entry) => [entry.member.id, entry.scores_given]));
    assert.equal(given["kari-nordmann"], 5, "the first file was merged");

    // ---- the meeting: only the justification changes, then «Neste søknad» ---------------------
    await app.click("nav-meeting");
    await app.find("meeting-case");
    const first = await app.textOf("case-reference");
    const text = "Gruppen mener prosjektet bør prioriteres for rekruttering.";
    await app.fill("recommend-justification", text);
    await app.click("case-next");
    await app.until(async () => (await app.textOf("case-reference")) !== first, "the next application");
    await app.click("case-previous");
    await app.waitForText("case-reference", first);
    assert.equal(await (await app.find("recommend-justification")).property("value"), text);
    const results = JSON.parse(cli("results", master, "--json"));
    const saved = results.applications.find((application) => application.reference === first);
    assert.equal(saved.recommendation.justification, text);
  } finally {
    await app.quit();
  }
});
