// «Ny runde fra denne» (issue 18): after the SSU's vedtak on the sample round, the chair makes
// next year's round from it, opens it, imports this year's applications, and sees the
// «Videreføring» note with last year's amount beside the one that continues a grant.

import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App } from "./webdriver.mjs";
import { becomeMember, shoot } from "./steps.mjs";

function cli(...args) {
  const binary = process.env.SAMVURD_CLI;
  if (!binary) throw new Error("SAMVURD_CLI must name the samvurd binary");
  const data = mkdtempSync(join(tmpdir(), "samvurd-cli-data-"));
  return execFileSync(binary, args, { encoding: "utf8", env: { ...process.env, SAMVURD_DATA_DIR: data } });
}

// VV-2026-003 (period to 31.01.2028, granted 2 400 000 kr as recommended on the sample) applies
// again under its own reference; the other is new.
const APPLICATIONS_2028 = [
  "Søknadsnr;Prosjekttittel;Ansvarlig søker;Søkerside;Periode fra;Periode til;Omsøkt beløp",
  "VV-2026-003;Psykisk helse og rus: felles inntaksteam, år to;Vestre Viken HF;HF;01.02.2028;31.01.2029;2 000 000",
  "VV-2027-001;Et nytt prosjekt;Lier kommune;kommune;01.01.2028;31.12.2028;300 000",
  "",
].join("\n");

test("«Ny runde fra denne» makes next year's round, opens it and marks the continuation in scoring", { timeout: 240_000 }, async () => {
  const app = await App.start();
  try {
    await app.click("open-sample");
    await app.waitForText("round-name", "(eksempel)");
    await app.click("nav-finish");
    // The screen has loaded the dashboard, the vedtak and the letters' languages, one after
    // the other; the last is there when its field is.
    await app.find("document-language");

    // Before the vedtak the new round is refused with what to do, and no file is written.
    await app.find("next-round-needs-vedtak");
    await app.fill("next-round-year", "2028");
    await app.click("make-next-round");
    await app.waitForText("error-next-round", /registrer SSUs vedtak først/);

    await app.fill("vedtak-date", "15.10.2026");
    await app.fill("vedtak-case", "26/04711");
    await app.click("adopt-as-recommended");
    await app.waitForText("vedtak-state", /15\.10\.2026 \(sak 26\/04711\), som innstilt/);

    await app.fill("next-round-name", "Rekrutterings- og samhandlingstilskudd 2027");
    await app.fill("next-round-year", "2028");
    await app.click("make-next-round");
    const made = await app.waitForText("next-round-made", /er kandidater til videreføring i 2028/);
    assert.match(made, /10 medlemmer/);
    const candidates = await app.textOf("next-round-candidates");
    assert.match(candidates, /VV-2026-003/);
    assert.doesNotMatch(candidates, /VV-2026-001 /, "a grant ending in 2027 is no candidate for 2028");
    await shoot(app, "60-ny-runde-fra-denne", async () => {
      await app.execute(`document.querySelector('[data-testid="next-round-made"]').scrollIntoView({ block: "center" });`);
    });

    // The new file: the link to the old round, the candidates, no scores.
    const path = join(app.dialogs, "neste-runde.samvurd");
    const results = JSON.parse(cli("results", path, "--json"));
    assert.equal(results.previous_round.year, 2028);
    assert.equal(results.previous_round.file_name, "eksempelrunde.samvurd");
    assert.ok(results.continuation_candidates.some((grant) => grant.reference === "VV-2026-003" && grant.granted === "2400000"));
    assert.equal(results.applications.length, 0);

    await app.click("open-next-round");
    await app.waitForText("round-name", "Rekrutterings- og samhandlingstilskudd 2027");

    // This year's applications: VV-2026-003 is marked «Videreføring» with last year's amount.
    app.dialogFile("soknader.csv", APPLICATIONS_2028);
    await app.click("tab-applications");
    await app.click("import-applications");
    await app.waitForText("import-count", /søknader uten feil/);
    assert.match(await app.textOf("import-continuation"), /Videreføring av VV-2026-003/);
    await app.click("import-confirm");
    await app.waitForText("notice-applications", /er importert/);
    assert.match(await app.textOf("application-continuation"), /Videreføring av VV-2026-003 \(2 400 000 kr i fjor\)/);
    await becomeMember(app, "m01");
    await app.waitForText("application-reference", "VV-2026-003");
    const note = await app.waitForText("continuation-note", /Videreføring/);
    assert.match(note, /2 400 000 kr i fjor/);
    assert.match(note, /oppfølging ikke åpnet/);
    await shoot(app, "61-videreforing-i-skaring", async () => {}, { windowStill: false });
  } finally {
    await app.quit();
  }
});
