// The chair's results dashboard on the sample round, checked against the CLI: every rank, total
// and recommended amount on the screen must be what `samvurd results --json` computes from the
// same round file, before and after the chair changes the round's options on the dashboard.
// Screenshots go where the screenshot test puts its own (target/screenshots/).

import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { App, Keys } from "./webdriver.mjs";
import { ROOT, shoot } from "./steps.mjs";

function results(file) {
  const cli = process.env.SAMVURD_CLI;
  if (!cli) throw new Error("SAMVURD_CLI must name the samvurd binary");
  return JSON.parse(execFileSync(cli, ["results", "--json", file], { encoding: "utf8" }));
}

/** A decimal string at full precision as the app shows it: two decimals, half away from zero, comma. */
function points(decimal) {
  const negative = decimal.startsWith("-");
  const [whole, fraction = ""] = (negative ? decimal.slice(1) : decimal).split(".");
  const digits = (fraction + "000").slice(0, 3);
  let hundredths = BigInt(whole) * 100n + BigInt(digits.slice(0, 2));
  if (Number(digits[2]) >= 5) hundredths += 1n;
  const text = `${hundredths / 100n},${String(hundredths % 100n).padStart(2, "0")}`;
  return negative && hundredths !== 0n ? `-${text}` : text;
}

/** An amount as canonical kroner: `1 850 000 kr` → `1850000`, `12 500,50 kr` → `12500.5`. */
function kroner(text) {
  const plain = text
    .replace(/kr/g, "")
    .replace(/[\s\u00a0\u202f]/g, "")
    .replace("\u2212", "-")
    .replace(",", ".");
  return plain.includes(".") ? plain.replace(/0+$/, "").replace(/\.$/, "") : plain;
}

/** What the ranking shows, row by row, read in one round trip. */
function screenRows(app) {
  return app.execute(`
    const text = (row, id) => row.querySelector('[data-testid="' + id + '"]')?.textContent.trim() ?? null;
    return [...document.querySelectorAll('[data-testid="rank-row"]')].map((row) => ({
      reference: row.dataset.reference,
      rank: row.dataset.rank,
      total: text(row, "rank-total"),
      recommended: text(row, "rank-recommended"),
      calibrated: row.querySelector('[data-testid="rank-calibrated"]')
        ? text(row, "rank-calibrated-total")
        : null,
    }));`);
}

/** The same rows as the CLI computes them, in the form the screen shows them. */
function expectedRows(json, { calibrated }) {
  return json.applications.map((application) => ({
    reference: application.reference,
    rank: application.rank === null ? "" : String(application.rank),
    total: application.total === null ? "–" : points(application.total),
    recommended: application.recommendation.amount,
    // One rank per row: the calibrated rank is in the detail panel, not the list.
    calibrated: calibrated ? (application.calibrated_total === null ? "–" : points(application.calibrated_total)) : null,
  }));
}

function comparable(rows) {
  return rows.map((row) => ({
    ...row,
    recommended: row.recommended === null ? null : kroner(row.recommended),
  }));
}

/**
 * Waits until the screen shows what the CLI computes from the round file now (an option change
 * is saved first and drawn a moment later), and fails with both when it never does.
 */
async function agreesWithCli(app, file, { calibrated = false } = {}) {
  const json = results(file);
  const expected = comparable(expectedRows(json, { calibrated }));
  let shown = [];
  try {
    await app.until(async () => {
      shown = comparable(await screenRows(app));
      return JSON.stringify(shown) === JSON.stringify(expected);
    }, "the ranking to agree with samvurd results --json");
  } catch {
    assert.deepEqual(shown, expected, "the ranking on the screen differs from samvurd results --json");
  }
  // The funding line sits after the applications funded from the top, in rank order.
  const fundedAbove = json.applications.findIndex(
    (application) => application.rank === null || kroner(application.recommendation.amount) === "0",
  );
  const lineAfter = await app.execute(`
    const items = [...document.querySelector('[data-testid="ranking"] ol').children];
    const line = items.findIndex((item) => item.dataset.testid === "funding-line");
    return items.slice(0, line).filter((item) => item.querySelector('[data-testid="rank-row"]')).length;`);
  assert.equal(lineAfter, fundedAbove === -1 ? json.applications.length : fundedAbove);
  assert.equal(kroner(await app.textOf("budget-frame")), kroner(json.budget.frame));
  assert.equal(kroner(await app.textOf("budget-recommended")), kroner(json.budget.recommended));
  return json;
}


test("the results dashboard agrees with the CLI before and after the options change", { timeout: 240_000 }, async () => {
  const app = await App.start();
  try {
    await app.click("open-sample");
    await app.waitForText("round-name", "(eksempel)");
    const file = join(app.home, "data", "no.samvurd.app", "eksempelrunde.samvurd");
    assert.ok(existsSync(file), `the sample round is not at ${file}`);

    await app.click("nav-results");
    await app.find("ranking");
    let json = await agreesWithCli(app, file);
    assert.equal(json.round.aggregation, "mean");
    assert.ok(json.applications.length >= 10, "the sample round should have a real ranking");
    assert.equal(await app.exists("rank-calibrated"), false, "no calibrated column before calibration is on");
    // The profile of the top application is beside the ranking at this size.
    const profile = await app.find("profile");
    assert.equal(await profile.attribute("data-reference"), json.applications[0].reference);
    for (const testid of ["budget-bar", "agreement", "sensitivity", "options"]) await app.find(testid);
    assert.match(await app.textOf("agreement"), /Krippendorffs alfa måler hvor enige medlemmene er/);
    await shoot(app, "40-resultater", () => app.execute("document.querySelector('main').scrollTo(0, 0)"), { windowStill: true });

    // Median instead of mean. Scoring has begun, so the method is locked: the change is made on
    // purpose, its effect is shown side by side first, and it needs a justification.
    const meanTotals = json.applications.map((application) => [application.reference, application.total]);
    await app.find("method-locked");
    assert.equal(await app.execute(`return document.querySelector('[data-testid="option-aggregation"]').disabled`), true);
    await app.click("change-method");
    await app.select("option-aggregation", "median");
    await app.click("what-if");
    const effect = await app.waitForText("what-if-table", /Med endringen[\s\S]*median/);
    assert.match(effect, /gjennomsnitt/);
    assert.equal(results(file).round.aggregation, "mean", "nothing is saved before «Lagre endringen»");
    await shoot(app, "43-endre-beregningsmaten", () => app.execute("document.querySelector('main').scrollTo(0, 0)"), { windowStill: true });
    await app.click("save-method");
    await app.find("error-options");
    await app.fill("method-justification", "Én ekstrem skår skal ikke avgjøre plassen.");
    await app.click("save-method");
    await app.waitForText("options-notice", "Beregnet på nytt");
    const log = JSON.parse(execFileSync(process.env.SAMVURD_CLI, ["log", file, "--json"], { encoding: "utf8" }));
    const entry = log.find((item) => item.action === "change_method");
    assert.ok(entry, "the change of method is in the audit log");
    assert.match(entry.detail, /Én ekstrem skår skal ikke avgjøre plassen/);
    // … and in the innstilling's method appendix.
    const pdf = join(app.home, "innstilling.pdf");
    execFileSync(process.env.SAMVURD_CLI, ["report", file, "-o", pdf]);
    const text = execFileSync("pdftotext", ["-enc", "UTF-8", pdf, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
    assert.match(text, /Endringer i beregningsmåten etter at skåringen startet/);
    assert.match(text, /Én ekstrem skår skal ikke avgjøre plassen/);
    json = await agreesWithCli(app, file);
    assert.equal(json.round.aggregation, "median");
    assert.notDeepEqual(
      json.applications.map((application) => [application.reference, application.total]),
      meanTotals,
      "the median should change the sample round's totals",
    );

    // Calibration on: a calibrated column beside the raw totals, which stay the ranking.
    await app.click("change-method");
    await app.click("option-calibration");
    await app.fill("method-justification", "Vi vil se om noen gir gjennomgående høye skårer.");
    await app.click("save-method");
    await app.find("rank-calibrated");
    json = await agreesWithCli(app, file, { calibrated: true });
    assert.equal(json.round.options.calibration, true);
    assert.ok(json.applications.some((application) => application.calibrated_total !== null));
    await app.find("calibration-notes");
    await shoot(app, "41-resultater-median-kalibrert", () =>
      app.execute("document.querySelector('main').scrollTo(0, 0)"),
      { windowStill: true },
    );

    // An application with a disagreement flag: its profile shows each flag's reason.
    const flagged = json.applications.find((application) => application.flags.length > 0);
    assert.ok(flagged, "the sample round should have a flagged application");
    const row = (await app.findAll(`[data-testid="rank-row"][data-reference="${flagged.reference}"]`))[0];
    await row.click();
    await app.until(
      async () =>
        (await app.execute(
          `return document.querySelector('[data-testid="profile"]')?.dataset.reference ?? null`,
        )) === flagged.reference,
      "the flagged application's profile",
    );
    const reasons = await app.execute(
      `return [...document.querySelectorAll('[data-testid="flag-reason"]')].map((item) => item.textContent.trim())`,
    );
    assert.deepEqual(
      reasons,
      flagged.flags.map((flag) => flag.reason),
    );
    assert.equal(
      (await app.findAll('[data-testid="profile-criterion"]')).length,
      json.round.criteria.length,
    );
    await shoot(app, "42-resultater-profil", async () => {
      // At 1024 px the profile opens under its row: choose it again if the size change closed it.
      if (!(await app.exists("profile"))) {
        await (await app.findAll(`[data-testid="rank-row"][data-reference="${flagged.reference}"]`))[0].click();
      }
      await app.execute(`
        const main = document.querySelector('main');
        const row = document.querySelector('[data-testid="rank-row"][data-reference="${flagged.reference}"]');
        main.scrollBy(0, row.getBoundingClientRect().top - main.getBoundingClientRect().top - 8);`);
    }, { windowStill: true });

    // The rows work from the keyboard: arrows move between them, Enter opens the profile.
    await app.execute(`document.querySelector('[data-testid="rank-row"]').focus()`);
    await app.keys(`${Keys.down}${Keys.down}${Keys.enter}`);
    const third = json.applications[2].reference;
    assert.equal(await app.execute("return document.activeElement.dataset.reference"), third);
    await app.until(
      async () =>
        (await app.execute(`return document.querySelector('[data-testid="profile"]')?.dataset.reference ?? null`)) ===
        third,
      "the profile of the third application after Enter",
    );

    // Back to the mean and no calibration: the dashboard and the CLI agree again.
    await app.click("change-method");
    await app.select("option-aggregation", "mean");
    await app.click("option-calibration");
    await app.fill("method-justification", "Tilbake til metoden fra oppsettet.");
    await app.click("save-method");
    await app.until(async () => !(await app.exists("rank-calibrated")), "the calibrated column to go");
    json = await agreesWithCli(app, file);
    assert.equal(json.round.aggregation, "mean");
    assert.equal(json.round.options.calibration, false);

    // «Ta opp i møtet» takes the application to the meeting.
    await app.click("take-to-meeting");
    await app.until(
      async () => (await app.execute("return document.querySelector('main').className")).includes("screen-meeting"),
      "the meeting screen",
    );
  } finally {
    await app.quit();
  }
});
