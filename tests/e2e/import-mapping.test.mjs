// A Microsoft Forms export, whose headers are the questions' texts: the import shows the file's
// headers beside the fields with its first rows, the chair chooses, the applications import,
// and the next export of the same form imports with the saved choice.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { App } from "./webdriver.mjs";
import { IMPORT_DATA, createRound, shoot } from "./steps.mjs";

test("a Forms export imports after the chair chooses its columns, and the next export reuses them", { timeout: 120_000 }, async () => {
  const app = await App.start();
  try {
    await app.find("template-sor-rogaland");
    await createRound(app, { template: "sor-rogaland", title: "Sør-Rogaland 2027", frame: "5 000 000" });

    app.dialogFile("soknader.xlsx", readFileSync(join(IMPORT_DATA, "forms-eksport-1.xlsx")));
    await app.click("tab-applications");
    await app.click("import-applications");
    await app.find("column-chooser");
    await app.waitForText("import-error", "«soknader.xlsx» mangler 4 påkrevde kolonner: Søknadsnr, Tittel, Ansvarlig søker, Omsøkt beløp.");
    const headers = await app.execute(
      "return [...document.querySelectorAll('[data-testid=column-preview] th')].map((cell) => cell.textContent.trim())",
    );
    assert.deepEqual(headers.slice(5, 8), ["Navn på prosjektet", "Hvilken organisasjon søker?", "Søkt beløp (kr)"]);
    const firstRow = await app.execute(
      "return [...document.querySelectorAll('[data-testid=column-preview] tbody tr')][0].cells[7].textContent.trim()",
    );
    assert.equal(firstRow, "850000");
    await shoot(app, "05b-oppsett-velg-kolonner");

    await app.select("column-søknadsnr", "ID");
    await app.select("column-tittel", "Navn på prosjektet");
    await app.select("column-søker", "Hvilken organisasjon søker?");
    await app.select("column-beløp", "Søkt beløp (kr)");
    await app.select("column-sammendrag", "Beskriv prosjektet kort");
    await app.click("column-apply");
    await app.waitForText("import-count", "Fila har 3 søknader uten feil");
    const sides = await app.execute(
      "return [...document.querySelectorAll('[data-testid=import-row]')].map((row) => row.cells[3].textContent.trim())",
    );
    assert.equal(sides.length, 3);
    await app.click("import-confirm");
    await app.waitForText("tab-applications", "Søknader (3)");
    await app.waitForText("notice-applications", "Kolonnevalget er lagret");

    // The next export of the same form: no choice needed.
    app.dialogFile("soknader.xlsx", readFileSync(join(IMPORT_DATA, "forms-eksport-2.xlsx")));
    await app.click("import-applications");
    await app.waitForText("import-count", "Fila har 2 søknader uten feil");
    assert.match(await app.textOf("import-saved-mapping"), /lagret i runden/);
    await app.click("import-confirm");
    await app.waitForText("tab-applications", "Søknader (5)");
  } finally {
    await app.quit();
  }
});
