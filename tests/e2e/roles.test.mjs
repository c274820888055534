// The two people the app is for. The chair sets a round up, attaches an application's own
// document and makes one copy per member («Lag kopier til medlemmene»). A member opens their
// copy: it shows only scoring and sending, opens the application's document, takes a conflict
// of interest on a small laptop screen without the window moving, and offers the score file
// under the member's own name.

import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { App, Keys } from "./webdriver.mjs";
import { addMember, createRound, importApplications, shoot } from "./steps.mjs";

const TITLE = "Tilskudd 2026";
const CHAIR_TABS = ["nav-setup", "nav-merge", "nav-status", "nav-results", "nav-meeting", "nav-finish"];

/** How far the window itself (not a pane inside it) can scroll. */
function windowScroll(app) {
  return app.execute("return document.documentElement.scrollHeight - document.documentElement.clientHeight");
}

test("the chair hands out copies; a member's copy shows only scoring and sending", { timeout: 300_000 }, async () => {
  let app = await App.start();
  const { home, dialogs } = app;
  const folder = join(dialogs, "kopier-til-medlemmene");
  try {
    // ---- the chair: a round, two members, an application's document, the copies --------------
    await app.find("template-standard");
    await createRound(app, { title: TITLE });
    await importApplications(app, "soknader-excel.csv");
    await addMember(app, "Kari Nordmann", "Drammen kommune", "kommune");
    await addMember(app, "Ola Hansen", "Vestre Viken HF", "hf");

    // A typo in a name is corrected, and a member added by mistake is removed.
    await addMember(app, "Per Feil", "Lier kommune", "kommune");
    await app.click("remove-member-per-feil");
    await app.click("confirm-remove-per-feil");
    await app.waitForText("notice-members", "Per Feil er fjernet fra arbeidsgruppa.");
    await app.click("edit-member-ola-hansen");
    await app.fill("edit-member-organisation", "Vestre Viken HF, Drammen sykehus");
    await app.click("save-member");
    await app.waitForText("members-table", /Vestre Viken HF, Drammen sykehus/);

    // The application's own document, chosen through the (test build's) file dialog.
    writeFileSync(join(dialogs, "soknadsdokument.pdf"), "%PDF-1.4\n% søknaden\n");
    await app.click("tab-applications");
    await app.click("edit-VV-2026-001");
    await app.click("choose-document");
    await app.until(async () => (await app.execute(`return document.querySelector('[data-testid="app-document"]').value`)).endsWith("soknadsdokument.pdf"), "the chosen document in the form");
    await app.click("save-application");
    await app.waitForText("notice-applications", /VV-2026-001 er lagret/);

    await app.click("make-member-copies");
    const result = await app.waitForText("member-copies-result", /2 kopier er lagret/);
    assert.match(result, /Kari Nordmann – Tilskudd 2026\.samvurd/);
    assert.match(result, /Ola Hansen – Tilskudd 2026\.samvurd/);
    assert.match(result, /1 søknadsdokument/);
    assert.deepEqual(readdirSync(folder).sort(), [
      "Kari Nordmann – Tilskudd 2026.samvurd",
      "Ola Hansen – Tilskudd 2026.samvurd",
      "soknadsdokument.pdf",
    ]);
    await shoot(app, "50-kopier-til-medlemmene", () => app.execute(`document.querySelector('[data-testid="handout"]').scrollIntoView()`));
    // Twice into the same folder is refused, and nothing is overwritten.
    await app.click("make-member-copies");
    await app.waitForText("error-handout", /allerede filer med samme navn/);
  } finally {
    await app.quit();
  }

  // ---- the member opens their copy ------------------------------------------------------------
  const copy = join(folder, "Kari Nordmann – Tilskudd 2026.samvurd");
  app = await App.start({ args: [copy], home, dialogDir: dialogs });
  try {
    await app.waitForText("identity-form", /Hvem er du\?/);
    for (const testid of CHAIR_TABS) assert.equal(await app.exists(testid), false, `${testid} is not in a member's copy`);
    assert.equal(await app.textOf("nav-scoring"), "Skåring");
    assert.equal(await app.textOf("nav-export"), "Send skårene til leder");
    await app.click("identity-kari-nordmann");
    await app.click("identity-confirm");
    await app.find("progress");
    await shoot(app, "51-medlem-skaring", async () => {}, { windowStill: true });

    // «Åpne søknaden» hands the document beside the copy to the system's viewer.
    await app.click("work-VV-2026-001");
    await app.click("open-document");
    await app.until(() => existsSync(join(dialogs, "apnet.txt")), "the document to be opened");
    assert.equal(readFileSync(join(dialogs, "apnet.txt"), "utf8"), join(folder, "soknadsdokument.pdf"));
    // A document that has gone missing gets a message that says what to do.
    rmSync(join(folder, "soknadsdokument.pdf"));
    await app.click("open-document");
    await app.waitForText("error-document", /Finner ikke søknadsdokumentet «soknadsdokument\.pdf»/);
    await app.click("work-VV-2026-002");
    await app.waitForText("no-document", /har ikke lagt ved selve søknaden/);

    // A conflict of interest at 1024×640: the form and the confirmation appear where the member
    // is looking, and the window itself never scrolls.
    await app.setWindowSize(1024, 640);
    await app.click("work-VV-2026-001");
    await app.click("recuse");
    await app.find("recusal-form");
    const visible = await app.execute(`
      const box = document.querySelector('[data-testid="recusal-form"]').getBoundingClientRect();
      return box.top >= 0 && box.bottom <= window.innerHeight && box.height > 0;`);
    assert.equal(visible, true, "the whole conflict form is in view at 1024×640");
    assert.equal(await windowScroll(app), 0, "the window does not scroll with the conflict form open");
    await shoot(app, "52-inhabilitet-skjema", async () => {
      if (!(await app.exists("recusal-form"))) await app.click("recuse");
    }, { windowStill: true });
    await app.fill("recusal-reason", "Jeg leder prosjektet i Drammen kommune.");
    await app.click("recusal-confirm");
    await app.waitForText("recused-note", "Du er registrert som inhabil i VV-2026-001");
    assert.equal(await windowScroll(app), 0, "the window does not scroll with the confirmation");
    await shoot(app, "53-inhabilitet-bekreftet", async () => {}, { windowStill: true });
    await app.click("withdraw-recusal");
    await app.waitForText("notice-scoring", /Inhabiliteten for VV-2026-001 er angret/);
    await app.find("score-baerekraft");

    // Two scores, then «Send skårene til leder»: the file carries the member's name.
    await app.keys(`5${Keys.enter}6`);
    await app.waitForSaved();
    await app.click("nav-export");
    await app.click("export-scores");
    const name = "Kari Nordmann – skårer – Tilskudd 2026.json";
    await app.waitForText("export-file-name", name);
    await app.waitForText("export-result", /2 skårer og 0 inhabiliteter fra Kari Nordmann/);
    assert.match(await app.textOf("export-progress"), /Du har gitt 2 skårer av/);
    assert.ok(existsSync(join(dialogs, name)), "the score file is saved under the member's name");
    await shoot(app, "54-send-skarene", async () => {}, { windowStill: true });
    await app.click("export-show-folder");
    await app.until(() => readFileSync(join(dialogs, "apnet.txt"), "utf8") === dialogs, "the folder to be shown");
  } finally {
    await app.quit();
  }
});
