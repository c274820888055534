// Screenshots of every screen at 1280×800 and at 1024×640, for people to look at: written to
// target/screenshots/ (not committed). The test also checks that nothing on a screen is wider
// than the window at either size, the most common way a layout breaks on a small laptop.

import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { readFileSync } from "node:fs";
import { App, Keys } from "./webdriver.mjs";
import { ROOT, IMPORT_DATA, addMember, createRound, shoot } from "./steps.mjs";

test("every screen, at 1280×800 and 1024×640", { timeout: 240_000 }, async () => {
  const app = await App.start();
  try {
    await app.find("template-standard");
    await shoot(app, "01-start");

    await createRound(app, { template: "standard", title: "Rekrutterings- og samhandlingstilskudd 2026" });
    await shoot(app, "02-oppsett-runden");

    app.dialogFile("soknader.csv", readFileSync(join(IMPORT_DATA, "soknader-feil-belop.csv")));
    await app.click("tab-applications");
    await app.click("import-applications");
    await app.find("import-problems");
    await shoot(app, "03-import-feil");
    await app.click("import-cancel");

    app.dialogFile("soknader.csv", readFileSync(join(IMPORT_DATA, "soknader-excel.csv")));
    await app.click("import-applications");
    await app.find("import-table");
    await shoot(app, "04-import-forhandsvisning");
    await app.click("import-confirm");
    await app.waitForText("notice-applications", /er importert/);
    await shoot(app, "05-oppsett-soknader");

    await app.click("add-application");
    await app.find("application-form");
    await shoot(app, "06-ny-soknad");
    await app.click("cancel-application");

    await addMember(app, "Kari Nordmann", "Drammen kommune", "kommune");
    await addMember(app, "Ola Hansen", "Vestre Viken HF", "hf");
    await addMember(app, "Máret Sara", "Brukerrådet", "brukerrepresentant");
    await shoot(app, "07-oppsett-arbeidsgruppa");

    await app.click("tab-criteria");
    await app.find("weights-summary");
    await shoot(app, "08-oppsett-kriterier");

    await app.click("nav-scoring");
    await app.find("identity-form");
    await app.click("identity-kari-nordmann");
    await shoot(app, "09-hvem-er-du");
    await app.click("identity-confirm");
    await app.find("progress");
    await app.keys(`5${Keys.enter}6`);
    await app.waitForSaved();
    await shoot(app, "10-skaring");

    await app.keys(`${Keys.enter}${Keys.enter}${Keys.enter}`);
    await app.keys("i");
    await app.find("notice-spredning");
    await shoot(app, "11-skaring-ikke-relevant-avvist");

    await app.click("toggle-keys");
    await app.find("key-help");
    await shoot(app, "11b-skaring-tastatur");
    await app.click("toggle-keys");

    await app.click("recuse");
    await app.find("recusal-form");
    await shoot(app, "12-inhabilitet");
    await app.fill("recusal-reason", "Jeg leder prosjektet i Drammen kommune.");
    await app.click("recusal-confirm");
    await app.find("recused-list");
    await shoot(app, "13-skaring-etter-inhabilitet");

    // The member's screens in a member's copy (sending the scores, the conflict form at
    // 1024×640) are shot by roles.test.mjs.

    await app.click("nav-setup");
    await app.click("tab-criteria");
    await app.find("weights-locked");
    await shoot(app, "15-kriterier-laast");

    await app.click("close-round");
    await app.waitForText("recent-rounds", "Rekrutterings- og samhandlingstilskudd 2026");
    await shoot(app, "16-start-nylig-brukt");

    await app.click("open-sample");
    await app.waitForText("round-name", "(eksempel)");
    await shoot(app, "17-eksempel-oppsett");
    await app.click("nav-scoring");
    await app.find("identity-form");
    await shoot(app, "18-eksempel-hvem-er-du");
  } finally {
    await app.quit();
  }
});
