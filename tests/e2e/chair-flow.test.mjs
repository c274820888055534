// The chair's whole job in the app, from score files to the PDF: nine members score in their own
// copies (made with the samvurd CLI, as members' laptops would), the chair merges their score
// files in two batches (one file twice), reads the dashboard, answers a gate in the meeting,
// overrides one recommendation with a justification, undoes a change, and generates the
// innstilling. The PDF's text (pdftotext) must hold the overridden amount and the justification,
// and `samvurd results --json` on the same file must agree with what the dashboard shows.
// Finally the round is locked (refused until the group's view of every flagged or grey-zone
// application is recorded; then a change is refused on screen) and unlocked again.

import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App, Keys } from "./webdriver.mjs";
import { ROOT, shoot } from "./steps.mjs";

const MEMBERS = Array.from({ length: 9 }, (_, index) => `m${String(index + 1).padStart(2, "0")}`);
const JUSTIFICATION = "Arbeidsgruppen vil se resultater fra første år før hele beløpet gis.";

function cli(...args) {
  const binary = process.env.SAMVURD_CLI;
  if (!binary) throw new Error("SAMVURD_CLI must name the samvurd binary");
  return execFileSync(binary, args, { encoding: "utf8" });
}

/** `5.3333…` → `5,33`, as the dashboard shows a total. */
function points(decimal) {
  return Number(decimal).toFixed(2).replace(".", ",");
}

/** `350 000 kr` (with no-break spaces) → `350000`. */
function digits(text) {
  return text.replace(/[^\d,−-]/g, "").replace(/,00$/, "");
}

/** The kroner of a canonical amount from the JSON: `350000` or `350000.5`. */
function kroner(amount) {
  return String(amount).replace(/\.0+$/, "").replace(".", ",");
}


/** Builds the master round and nine score files with the CLI; returns their paths. */
function prepareRound(directory) {
  const master = join(directory, "leder.samvurd");
  cli("create", master, "--title", "Tilskudd 2026", "--template", "standard", "--frame", "20 500 000");
  for (const [index, id] of MEMBERS.entries()) {
    cli("member", "add", master, "--id", id, "--name", `Medlem ${index + 1}`, "--role", index % 2 ? "hf" : "kommune");
  }
  cli("import", "applications", master, join(ROOT, "tests", "data", "import", "soknader-excel.csv"));
  const files = [];
  for (const id of MEMBERS) {
    const copy = join(directory, `kopi-${id}.samvurd`);
    copyFileSync(master, copy);
    cli("--som", id, "import", "scores", copy, join(ROOT, "tests", "data", "round32", `skarer-${id}.csv`));
    const file = join(directory, `skarer-${id}.json`);
    cli("export-scores", copy, "--member", id, "-o", file);
    files.push(file);
  }
  return { master, files };
}

/** Every ranking row on the dashboard: reference, rank, total and recommended amount as shown. */
async function dashboardRows(app) {
  return app.execute(`
    return [...document.querySelectorAll('[data-testid="rank-row"]')].map((row) => ({
      reference: row.dataset.reference,
      rank: row.dataset.rank,
      total: row.querySelector('[data-testid="rank-total"]').textContent.trim(),
      recommended: row.querySelector('[data-testid="rank-recommended"]').textContent.trim(),
    }));`);
}

async function mergeBatch(app, files, expectedRows) {
  writeFileSync(join(app.dialogs, "skarfiler.txt"), files.join("\n"));
  await app.click("choose-score-files");
  await app.until(async () => {
    const rows = await app.execute(`return document.querySelectorAll('[data-testid="merge-row"]').length;`);
    return rows === expectedRows;
  }, `${expectedRows} files in the dry-run table`);
  await app.click("merge-confirm");
  await app.waitForText("merge-backup", /sikkerhetskopi/);
  return app.execute(`
    return [...document.querySelectorAll('[data-testid="merge-row"]')].map((row) => row.dataset.status);`);
}

test("the chair merges nine score files, decides in the meeting and gets the innstilling", { timeout: 300_000 }, async () => {
  const directory = mkdtempSync(join(tmpdir(), "samvurd-chair-"));
  const { master, files } = prepareRound(directory);
  const app = await App.start({ args: [master] });
  try {
    await app.find("nav-merge");

    // ---- merge in two batches; m05 comes in both -------------------------------------------
    await app.click("nav-merge");
    const first = await mergeBatch(app, files.slice(0, 5), 5);
    assert.deepEqual(first, ["merged", "merged", "merged", "merged", "merged"]);
    const second = await mergeBatch(app, files.slice(4), 5);
    assert.deepEqual(second, ["unchanged", "merged", "merged", "merged", "merged"], "m05 a second time changes nothing");
    const history = await app.execute(`return document.querySelectorAll('[data-testid="history-row"]').length;`);
    assert.equal(history, 9, "the history lists each merged file once");

    await app.click("nav-status");
    await app.waitForText("status-complete", /9 av 9/);

    // ---- the dashboard agrees with the CLI -------------------------------------------------
    await app.click("nav-results");
    await app.find("ranking");
    const merged = JSON.parse(cli("results", master, "--json"));
    assert.equal(merged.applications.length, 32);

    // ---- the meeting: a gate, an override, an undo -----------------------------------------
    // The override: the best-ranked application the proposal grants in full, given half.
    const granted = merged.applications.find((application) => application.recommendation.outcome === "granted");
    const half = Math.round(Number(granted.amount_requested) / 2 / 1000) * 1000;
    const halfText = half.toLocaleString("nb-NO").replace(/\s/g, " ");
    // The gate: answered on another application.
    const gated = merged.applications.find((application) => application.reference !== granted.reference);

    await app.click("nav-meeting");
    await app.find("meeting-remaining");
    await app.click(`queue-${gated.reference}`);
    await app.waitForText("case-reference", gated.reference);
    // A gate is saved as soon as it is answered; a failed one when its note is written.
    await app.click("gate-avtale-failed");
    await app.waitForText("gate-avtale-state", /Skriv en merknad/);
    await app.fill("gate-avtale-note", "Ingen avtale med helseforetaket er lagt ved.");
    await app.keys(Keys.tab);
    await app.waitForText("notice-gate", /lagret/);

    // Only the justification is changed, then «Neste søknad»: it is kept all the same.
    const onlyWords = "Drøftet i møtet: prosjektet bør samarbeide med fastlegene.";
    await app.fill("recommend-justification", onlyWords);
    await app.click("case-next");
    await app.until(async () => (await app.textOf("case-reference")) !== gated.reference, "the next application");
    const kept = JSON.parse(cli("results", master, "--json")).applications.find((application) => application.reference === gated.reference);
    assert.equal(kept.recommendation.justification, onlyWords, "the justification typed before «Neste søknad» is saved");

    await app.click(`queue-${granted.reference}`);
    await app.waitForText("case-reference", granted.reference);
    const leftBefore = await app.textOf("meeting-left");
    await app.select("recommend-outcome", "partly_granted");
    await app.fill("recommend-amount", String(half));
    await app.click("recommend-save");
    await app.waitForText("error-recommendation", /begrunn/i);
    await app.fill("recommend-justification", JUSTIFICATION);
    await app.click("recommend-save");
    await app.waitForText("notice-recommendation", /er lagret/);
    await app.waitForText("case-recommended", new RegExp(halfText.replace(/ /g, "\\s")));
    const leftAfter = await app.textOf("meeting-left");
    await shoot(app, "32-motet");
    assert.notEqual(leftAfter, leftBefore, "the remaining frame follows the recommendation");

    // A change that is then undone: the gate on the granted application.
    await app.click("gate-egeninnsats-passed");
    await app.waitForText("undo", /Angre svaret på kravet/);
    await app.click("undo");
    await app.waitForText("notice-meeting", /Angret/);
    const afterUndo = JSON.parse(cli("results", master, "--json"));
    const gates = afterUndo.applications.find((application) => application.reference === granted.reference).gates;
    assert.equal(gates.find((gate) => gate.gate === "egeninnsats").status, "unanswered", "undo took the answer back");
    assert.equal(
      afterUndo.applications.find((application) => application.reference === gated.reference).gates.find((gate) => gate.gate === "avtale").status,
      "failed",
      "the earlier answer stays",
    );

    // ---- the dashboard after the meeting equals the CLI's results on the same file ----------
    await app.click("nav-results");
    await app.find("ranking");
    const results = JSON.parse(cli("results", master, "--json"));
    const rows = await dashboardRows(app);
    assert.equal(rows.length, results.applications.length);
    for (const [index, expected] of results.applications.entries()) {
      const row = rows[index];
      assert.equal(row.reference, expected.reference, `row ${index + 1}`);
      assert.equal(row.rank ?? "", expected.rank === null ? "" : String(expected.rank), `rank of ${expected.reference}`);
      assert.equal(row.total, expected.total === null ? "–" : points(expected.total), `total of ${expected.reference}`);
      assert.equal(digits(row.recommended), kroner(expected.recommendation.amount), `recommended for ${expected.reference}`);
    }
    const overridden = results.applications.find((application) => application.reference === granted.reference);
    assert.equal(overridden.recommendation.outcome, "partly_granted");
    assert.equal(overridden.recommendation.justification, JUSTIFICATION);
    assert.equal(Number(overridden.recommendation.amount), half);

    // ---- the innstilling -------------------------------------------------------------------
    await app.click("nav-finish");
    await app.click("write-innstilling");
    await app.waitForText("written-innstilling", /Innstillingen er lagret/, 60_000);
    await shoot(app, "33-avslutt");
    const pdf = join(app.dialogs, "innstilling.pdf");
    assert.ok(existsSync(pdf));
    assert.equal(readFileSync(join(app.dialogs, "apnet.txt"), "utf8"), pdf, "the PDF is opened in the viewer");
    const text = execFileSync("pdftotext", [pdf, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
    assert.ok(text.includes(`${halfText} kr`), `the PDF holds the overridden amount ${halfText} kr`);
    assert.ok(text.includes(JUSTIFICATION), "the PDF holds the justification");
    await app.click("write-public-innstilling");
    await app.waitForText("written-public-innstilling", /offentlige versjonen/, 60_000);
    const publicText = execFileSync("pdftotext", [join(app.dialogs, "innstilling-offentlig.pdf"), "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
    assert.ok(publicText.includes("Unntatt offentlighet, offl. § 13"), "the public version says what is withheld");
    assert.ok(publicText.includes(`${halfText} kr`), "the public version keeps the amounts");

    // ---- lock: refused until the meeting has recorded the group's view of every flagged or
    // grey-zone application; then nothing can change until the chair unlocks with a reason ----
    await app.find("finish-missing");
    await app.fill("lock-reason", "SSU vedtok fordelingen 12.12.2026");
    await app.click("lock-round");
    await app.waitForText("error-lock", /mangler gruppens vurdering/);
    for (const application of JSON.parse(cli("results", master, "--json")).applications) {
      if (application.flags.length > 0 || application.uncertainty?.label === "grey_zone") {
        cli("consensus", master, "-a", application.reference, "--assessment", "Gruppen står samlet bak forslaget.");
      }
    }
    await app.click("lock-round");
    await app.find("locked");
    const lockedBytes = readFileSync(master);
    await app.click("nav-merge");
    writeFileSync(join(app.dialogs, "skarfiler.txt"), files[0]);
    await app.click("choose-score-files");
    await app.waitForText("error-merge", /Runden er låst/);
    assert.deepEqual(readFileSync(master), lockedBytes, "a locked round is not written");
    await app.click("nav-finish");
    await app.fill("unlock-reason", "Feil i beløpet til en søknad");
    await app.click("unlock-round");
    await app.waitForText("notice-lock", /låst opp/);
    const actions = JSON.parse(cli("log", master, "--json")).map((entry) => entry.action);
    assert.deepEqual(actions.slice(-2), ["lock_round", "unlock_round"]);

    // ---- the SSU's vedtak: letters wait for it, «Vedta som innstilt» records it -------------
    await app.click("write-letters");
    await app.waitForText("error-finish", /SSU har ikke fattet vedtak/);
    assert.ok(!existsSync(join(app.dialogs, "svarbrev")), "no letters before the vedtak");
    await app.fill("vedtak-date", "10.12.2026");
    await app.fill("vedtak-case", "26/04711");
    await app.click("adopt-as-recommended");
    await app.waitForText("notice-vedtak", /registrert som innstilt/);
    await app.waitForText("vedtak-state", /10\.12\.2026 \(sak 26\/04711\), som innstilt/);
    await app.find("locked");
    await shoot(app, "34-vedtak");
    await app.click("write-letters");
    await app.waitForText("written-letters", /svarbrev er lagret/, 60_000);
    const letter = execFileSync("pdftotext", [join(app.dialogs, "svarbrev", `${granted.reference}.pdf`), "-"], { encoding: "utf8" });
    assert.ok(letter.replace(/\s+/g, " ").includes("Vår ref.: 26/04711"), "the letter carries the vedtak's case number");
    const last = JSON.parse(cli("log", master, "--json")).at(-1);
    assert.equal(last.action, "vedta_som_innstilt");

    // ---- languages: nynorsk for the round, North Sámi for one applicant, after the vedtak ----
    await app.select("document-language", "nn");
    await app.execute(`document.querySelector('[data-testid="letter-languages"]').open = true`);
    // The choices are disabled while a change is saved: wait for this one before the next.
    await app.waitForText(`letter-language-${granted.reference}`, /nynorsk/);
    await app.select(`choose-language-${granted.reference}`, "se");
    await app.waitForText(`letter-language-${granted.reference}`, /nordsamisk med norsk kopi på nynorsk/);
    await app.click("write-letters");
    await app.until(() => existsSync(join(app.dialogs, "svarbrev", `${granted.reference}-norsk.pdf`)), "the Norwegian copy", 60_000);
    const sami = execFileSync("pdftotext", [join(app.dialogs, "svarbrev", `${granted.reference}.pdf`), "-"], { encoding: "utf8" });
    assert.ok(sami.includes("Dearvvuođaiguin"), "the letter is in North Sámi");
    const copy = execFileSync("pdftotext", [join(app.dialogs, "svarbrev", `${granted.reference}-norsk.pdf`), "-"], { encoding: "utf8" });
    assert.ok(copy.includes("Med venleg helsing"), "the copy is in nynorsk");
  } finally {
    await app.quit();
  }
});
