// After the grant, in the chair's app: the SSU's vedtak is recorded («Vedta som innstilt»), the
// «Oppfølging» tab appears and opens the register with the template's reporting rules
// (Sør-Rogaland: a status report six months after the grant, a final report after the period).
// A report is marked received with its file (name and SHA-256 kept, not the file), which moves
// it out of «forfalt»; the money paid out is recorded; the reminders are written for exactly
// the applicants with overdue reports, and the half-year status to the SSU is written. The CLI
// reads the same file and must agree.

import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App } from "./webdriver.mjs";
import { IMPORT_DATA, shoot } from "./steps.mjs";

function cli(...args) {
  const binary = process.env.SAMVURD_CLI;
  if (!binary) throw new Error("SAMVURD_CLI must name the samvurd binary");
  return execFileSync(binary, args, { encoding: "utf8" });
}

/** `d.m.yyyy` of a date, as the app takes it. */
function norwegian(date) {
  const two = (n) => String(n).padStart(2, "0");
  return `${two(date.getDate())}.${two(date.getMonth() + 1)}.${date.getFullYear()}`;
}

const MEMBERS = ["m01", "m02", "m03"];
const CRITERIA = ["samsvar-og-nytte", "samhandlingsutfordringer", "baerekraft", "egen-ressursinnsats"];

/** A Sør-Rogaland round with 32 applications, three members' scores and the group's view. */
function prepareRound(directory) {
  const round = join(directory, "oppfolging.samvurd");
  cli("create", round, "--title", "Samhandlingsmidler 2026", "--template", "sor-rogaland", "--frame", "12 000 000");
  for (const [index, id] of MEMBERS.entries()) {
    cli("member", "add", round, "--id", id, "--name", `Medlem ${index + 1}`, "--role", index % 2 ? "hf" : "kommune");
  }
  cli("import", "applications", round, join(IMPORT_DATA, "soknader-excel.csv"));
  const references = JSON.parse(cli("results", round, "--json")).applications.map((application) => application.reference);
  const rows = ["Medlem;Søknad;Kriterium;Skår;Begrunnelse"];
  for (const [m, member] of MEMBERS.entries()) {
    for (const [a, reference] of references.entries()) {
      for (const [c, criterion] of CRITERIA.entries()) {
        rows.push(`${member};${reference};${criterion};${1 + ((a * 3 + c * 2 + m) % 7)};Vurdert.`);
      }
    }
  }
  const scores = join(directory, "skarer.csv");
  writeFileSync(scores, rows.join("\n") + "\n");
  cli("import", "scores", round, scores);
  for (const application of JSON.parse(cli("results", round, "--json")).applications) {
    if (application.flags.length > 0 || application.uncertainty?.label === "grey_zone") {
      cli("consensus", round, "-a", application.reference, "--assessment", "Gruppen står samlet bak forslaget.");
    }
  }
  return round;
}

test("the chair follows up the grants: receipts, money paid, reminders and the half-year status", { timeout: 300_000 }, async () => {
  const directory = mkdtempSync(join(tmpdir(), "samvurd-oppfolging-"));
  const round = prepareRound(directory);
  // The vedtak eight months ago: every status report (six months after it) is overdue today.
  const vedtak = new Date();
  vedtak.setMonth(vedtak.getMonth() - 8);
  const app = await App.start({ args: [round] });
  try {
    await app.find("nav-finish");
    assert.ok(!(await app.exists("nav-follow-up")), "no «Oppfølging» before the vedtak");

    // ---- the SSU's vedtak ------------------------------------------------------------------
    await app.click("nav-finish");
    await app.fill("vedtak-date", norwegian(vedtak));
    await app.fill("vedtak-case", "26/01234");
    await app.click("adopt-as-recommended");
    await app.waitForText("notice-vedtak", /registrert som innstilt/);

    // ---- «Oppfølging»: open the register ---------------------------------------------------
    await app.click("nav-follow-up");
    await app.click("open-follow-up");
    await app.waitForText("notice-follow-up", /Oppfølgingen er åpnet/);
    const before = JSON.parse(cli("oppfolging", "vis", round, "--json"));
    assert.ok(before.overdue > 0, "some reports are overdue");
    assert.ok(before.due > 0, "and some are not due yet");
    const summary = await app.textOf("follow-up-summary");
    assert.ok(summary.includes(`${before.overdue} forfalt`), summary);

    // Sorted by days overdue: the most overdue first, and the button says it is pressed.
    await app.click("sort-forsinkelse");
    await app.until(
      async () => (await app.execute(`return document.querySelector('[data-testid="sort-forsinkelse"]').getAttribute("aria-pressed");`)) === "true",
      "the sort button pressed",
    );
    const shown = await app.execute(`
      return [...document.querySelectorAll('[data-testid="follow-up-row"]')].map((row) => ({
        reference: row.dataset.reference, kind: row.dataset.kind, status: row.dataset.status,
        days: row.querySelector('[data-testid="follow-up-days"]').textContent.trim(),
      }));`);
    assert.equal(shown.length, before.reports.length);
    assert.equal(shown[0].status, "overdue");
    const mostDays = Math.max(...before.reports.map((row) => row.days_overdue ?? 0));
    assert.equal(shown[0].days, `${mostDays} dager`);

    // ---- a report received, with its file ----------------------------------------------------
    const overdue = before.reports.find((row) => row.status === "overdue");
    writeFileSync(join(app.dialogs, "rapport.pdf"), "statusrapport");
    await app.click(`receive-${overdue.reference}-${overdue.kind}-${overdue.number}`);
    await app.fill("receipt-note", "Kom på e-post.");
    await app.click("receipt-choose-file");
    await app.waitForText("receipt-file-name", "rapport.pdf");
    await app.click("receipt-save");
    await app.waitForText("notice-follow-up", /registrert som mottatt/);
    const after = JSON.parse(cli("oppfolging", "vis", round, "--json"));
    assert.equal(after.overdue, before.overdue - 1, "the receipt moves the report out of «forfalt»");
    const received = after.reports.find((row) => row.reference === overdue.reference && row.kind === overdue.kind);
    assert.equal(received.status, "received");
    assert.equal(received.file_name, "rapport.pdf");
    // `printf statusrapport | sha256sum`
    assert.equal(received.file_sha256, execFileSync("sha256sum", [join(app.dialogs, "rapport.pdf")], { encoding: "utf8" }).split(" ")[0]);
    const row = await app.execute(
      `return document.querySelector('[data-testid="follow-up-row"][data-reference="${overdue.reference}"][data-kind="${overdue.kind}"]').dataset.status;`,
    );
    assert.equal(row, "received");

    // ---- money paid out ----------------------------------------------------------------------
    const grant = after.grants[0];
    await app.fill(`grant-paid-${grant.reference}`, "100 000");
    await app.click(`grant-save-${grant.reference}`);
    await app.waitForText(`notice-grant-${grant.reference}`, /Lagret/);
    const paid = JSON.parse(cli("oppfolging", "vis", round, "--json")).grants[0];
    assert.equal(paid.paid_out.amount.replace(/\s/g, ""), "100000");

    // ---- reminders for everything overdue, and the half-year status ----------------------------
    await app.click("write-reminders");
    await app.waitForText("written-reminders", /purrebrev er lagret/, 60_000);
    const overdueApplications = new Set(after.reports.filter((r) => r.status === "overdue").map((r) => r.reference));
    const letters = readdirSync(join(app.dialogs, "purrebrev")).sort();
    assert.deepEqual(letters, [...overdueApplications].sort().map((reference) => `purring-${reference}.pdf`));
    const letter = execFileSync("pdftotext", ["-raw", join(app.dialogs, "purrebrev", letters[0]), "-"], { encoding: "utf8" });
    assert.match(letter.replace(/\s+/g, " "), /Purring på rapport/);
    assert.match(letter.replace(/\s+/g, " "), /Statusrapport/);

    await app.click("write-half-year-status");
    await app.waitForText("written-half-year-status", /Halvårsstatusen er lagret/, 60_000);
    const status = execFileSync("pdftotext", ["-raw", join(app.dialogs, "halvarsstatus.pdf"), "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
    for (const granted of after.grants) assert.ok(status.includes(granted.reference), `${granted.reference} in the status`);
    assert.ok(readFileSync(join(app.dialogs, "apnet.txt"), "utf8").includes("halvarsstatus.pdf"), "the status opens in the viewer");

    // ---- logged, and the scores untouched --------------------------------------------------------
    const actions = JSON.parse(cli("log", round, "--json")).map((entry) => entry.action);
    for (const action of ["open_follow_up", "mark_report_received", "set_grant_follow_up"]) {
      assert.ok(actions.includes(action), `${action} is logged`);
    }
    assert.ok(existsSync(round));

    // The screen as the chair sees it, with a receipt form open.
    const open = after.reports.find((r) => r.status === "overdue");
    await app.click(`receive-${open.reference}-${open.kind}-${open.number}`);
    await app.find("receipt-save");
    // From the top: the counts, the two documents written, and the list with the form open.
    await shoot(app, "40-oppfolging", async () => {
      await app.execute(`document.querySelector("main").scrollTop = 0; window.scrollTo(0, 0);`);
    }, { windowStill: false });
  } finally {
    await app.quit();
  }
});
