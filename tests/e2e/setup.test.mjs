// The chair's set-up: an import with bad rows lists every problem and saves nothing; an Excel
// import; editing an application; refused input shown where it was typed; weights as shares.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { App } from "./webdriver.mjs";
import { IMPORT_DATA, createRound } from "./steps.mjs";

test("the chair imports, sees every bad row first, edits an application and sets weights", { timeout: 120_000 }, async () => {
  const app = await App.start();
  try {
    await app.find("template-ostfold");
    await createRound(app, { template: "ostfold", title: "Østfold 2026", frame: "10 700 000" });

    // Every bad row is listed, with its row number, column and text; nothing is saved.
    app.dialogFile("soknader.csv", readFileSync(join(IMPORT_DATA, "soknader-feil-belop.csv")));
    await app.click("tab-applications");
    await app.click("import-applications");
    await app.waitForText("import-error", "«soknader.csv» har 5 feil.");
    const rows = await app.execute(
      "return [...document.querySelectorAll('[data-testid=import-problem]')].map((row) => [...row.cells].map((cell) => cell.textContent.trim()).slice(0, 3))",
    );
    assert.deepEqual(rows, [
      ["3", "Omsøkt beløp", "1,2 mill"],
      ["4", "Omsøkt beløp", "−50 000"],
      ["5", "Omsøkt beløp", "0"],
      ["6", "Omsøkt beløp", ""],
      ["7", "Omsøkt beløp", "se vedlegg"],
    ]);
    assert.equal(await app.exists("import-confirm"), false, "a file with errors cannot be imported");
    await app.click("import-cancel");
    assert.equal(await app.textOf("tab-applications"), "Søknader (0)");

    // An Excel workbook (the test build's dialog picks soknader.xlsx over soknader.csv).
    app.dialogFile("soknader.xlsx", readFileSync(join(IMPORT_DATA, "soknader.xlsx")));
    await app.click("import-applications");
    await app.waitForText("import-count", "Fila har 32 søknader uten feil");
    await app.click("import-confirm");
    await app.waitForText("tab-applications", "Søknader (32)");

    // Edit one: a refused amount is explained next to the form, then a good one is saved.
    await app.click("edit-VV-2026-002");
    await app.fill("app-title", "Kompetanseløft i palliasjon – utvidet");
    await app.fill("app-amount", "1.200");
    await app.click("save-application");
    await app.waitForText("error-application-form", "«1.200»");
    await app.fill("app-amount", "1 200 000,50");
    await app.click("save-application");
    await app.waitForText("notice-applications", "Søknad VV-2026-002 er lagret.");
    const table = await app.textOf("applications-table");
    assert.match(table, /Kompetanseløft i palliasjon – utvidet/);
    assert.match(table, /1\s200\s000,50\skr/);

    // Add one.
    await app.click("add-application");
    await app.fill("app-reference", "OF-2026-900");
    await app.fill("app-title", "Felles legevakt i Indre Østfold");
    await app.fill("app-applicant", "Indre Østfold kommune");
    await app.fill("app-amount", "750 000");
    await app.fill("app-period-start", "01.01.2027");
    await app.fill("app-period-end", "31.12.2027");
    await app.click("save-application");
    await app.waitForText("tab-applications", "Søknader (33)");

    // Weights are shown as shares of the whole and follow a change.
    await app.click("tab-criteria");
    assert.match(await app.textOf("weights-summary"), /spesialisthelsetjenesten\s*1\s*16,7\s%/);
    await app.fill("weight-samarbeidsmodeller", "2");
    await app.click("save-criterion-samarbeidsmodeller");
    await app.waitForText("notice-criterion-samarbeidsmodeller", "er lagret");
    await app.waitForText("weights-summary", /spesialisthelsetjenesten\s*2\s*28,6\s%/);

    // A deadline that is no date is refused with what to type.
    await app.click("tab-round");
    await app.fill("info-deadline", "1. september");
    await app.click("save-round-info");
    await app.waitForText("error-round-info", "Skriv den som 01.09.2026");
  } finally {
    await app.quit();
  }
});
