// User text is always inserted as text: markup in a round title, an application typed in by the
// chair, an imported file and a justification shows literally, and no script from it runs.

import { test } from "node:test";
import assert from "node:assert/strict";
import { App } from "./webdriver.mjs";
import { addMember, becomeMember, createRound } from "./steps.mjs";

const TITLE = '<img src=x onerror="window.__pwned=1">';
const SUMMARY = "Et prosjekt. <script>window.__pwned=2</script> Slutt.";
const ROUND_TITLE = "Runde <svg onload=window.__pwned=3>";
const IMPORTED_TITLE = "<iframe srcdoc=\"<script>parent.__pwned=4</script>\"></iframe>";
const JUSTIFICATION = "<b onmouseover=window.__pwned=5>fet</b>";

async function assertNothingRan(app, where) {
  assert.equal(await app.execute("return window.__pwned === undefined"), true, `a script ran (${where})`);
  assert.equal(
    await app.execute("return document.querySelectorAll('#app img, #app script, #app svg, #app iframe, #app b').length"),
    0,
    `markup became elements (${where})`,
  );
}

test("markup in titles, summaries, imports and justifications shows as plain text and never runs", { timeout: 120_000 }, async () => {
  const app = await App.start();
  try {
    await app.find("template-standard");
    await createRound(app, { title: ROUND_TITLE });
    assert.equal(await app.title(), `${ROUND_TITLE} – Samvurd`);
    assert.ok((await app.textOf("round-name")).includes(ROUND_TITLE));

    // Typed in by the chair.
    await app.click("tab-applications");
    await app.click("add-application");
    await app.fill("app-reference", "XSS-1");
    await app.fill("app-title", TITLE);
    await app.fill("app-applicant", "<b>Fet</b> kommune");
    await app.fill("app-amount", "100 000");
    await app.fill("app-summary", SUMMARY);
    await app.click("save-application");
    await app.waitForText("notice-applications", "Søknad XSS-1 er lagt til");
    const table = await app.textOf("applications-table");
    assert.ok(table.includes(TITLE), table);
    assert.ok(table.includes("<b>Fet</b> kommune"), table);
    await assertNothingRan(app, "the list of applications");

    // From a file: the preview and the list show the markup as text.
    app.dialogFile(
      "soknader.csv",
      `Søknadsnr;Prosjekttittel;Ansvarlig søker;Omsøkt beløp;Sammendrag\nXSS-2;"${IMPORTED_TITLE.replaceAll('"', '""')}";Gol kommune;50 000;<script>window.__pwned=6</script>\n`,
    );
    await app.click("import-applications");
    const preview = await app.waitForText("import-table", "XSS-2");
    assert.ok(preview.includes(IMPORTED_TITLE), preview);
    await assertNothingRan(app, "the import preview");
    await app.click("import-confirm");
    await app.waitForText("notice-applications", "er importert");

    // The member sees the application, its summary and their own justification as text.
    await addMember(app, "Kari Nordmann", "Drammen kommune", "kommune");
    await becomeMember(app, "kari-nordmann");
    assert.equal(await app.title(), `Kari Nordmann – ${ROUND_TITLE} – Samvurd`);
    await app.click("work-XSS-1");
    assert.equal(await app.textOf("current-title"), TITLE);
    assert.equal(await app.textOf("current-summary"), SUMMARY);
    assert.ok((await app.textOf("current-applicant")).includes("<b>Fet</b> kommune"));
    await app.keys("4");
    await (await app.find("justification-baerekraft")).click();
    await app.keys(JUSTIFICATION);
    await app.click("work-XSS-2");
    assert.equal(await app.textOf("current-title"), IMPORTED_TITLE);
    assert.ok((await app.textOf("current-summary")).includes("<script>window.__pwned=6</script>"));
    await app.click("work-XSS-1");
    await app.waitForSaved();
    assert.equal(await (await app.find("justification-baerekraft")).property("value"), JUSTIFICATION);
    await assertNothingRan(app, "the scoring screen");
  } finally {
    await app.quit();
  }
});
