// The chair's merge, as the chair meets it: the rounds and the members' score files are made
// with the samvurd CLI, the master is opened in the app, and score files are handed over through
// the test build's file picker (the paths in `skarfiler.txt`). A score file from another round
// and a tampered score file are refused on screen with their reasons, and the master stays
// byte-identical: after the dry run, after the good file is taken out of the batch, and after a
// real merge of the bad files beside one with nothing new. Then good files are merged, with the
// backup named, and show up in the merge history and on the status screen.
// Files dropped on the window are imitated with the window's own drag-and-drop events, since
// WebDriver cannot drag a file from outside the page.

import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App } from "./webdriver.mjs";
import { IMPORT_DATA, ROOT, shoot } from "./steps.mjs";

const CRITERIA = ["baerekraft", "beon", "samiske-pasienter", "minste-sykehus", "spredning"];
const APPLICATIONS = Array.from({ length: 32 }, (_, index) => `VV-2026-${String(index + 1).padStart(3, "0")}`);
const RECUSAL = "Jeg er ansatt i prosjektet.";

function cli(...args) {
  const binary = process.env.SAMVURD_CLI;
  if (!binary) throw new Error("SAMVURD_CLI must name the samvurd binary");
  return execFileSync(binary, ["--som", "testleder", ...args], { encoding: "utf8" });
}

function sha256(path) {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}

/** A round made as the chair would with the CLI: a template, three members, 32 applications. */
function makeRound(path, title) {
  cli("create", path, "--title", title, "--frame", "20 500 000", "--template", "standard", "--deadline", "01.09.2026");
  cli("member", "add", path, "--id", "kari-nordmann", "--name", "Kari Nordmann", "--organisation", "Drammen kommune", "--role", "kommune");
  cli("member", "add", path, "--id", "ola-hansen", "--name", "Ola Hansen", "--organisation", "Vestre Viken HF", "--role", "hf");
  cli("member", "add", path, "--id", "maret-sara", "--name", "Máret Sara", "--organisation", "Brukerrådet", "--role", "brukerrepresentant");
  cli("import", "applications", path, join(IMPORT_DATA, "soknader-excel.csv"));
}

/** A member's copy of `master`, scored from a CSV, exported to the score file `output`. */
function scoreCopy(master, directory, member, applications, output, recuse) {
  const copy = join(directory, `kopi-${member}.samvurd`);
  copyFileSync(master, copy);
  if (recuse) cli("recuse", copy, "--member", member, "--application", recuse, "--reason", RECUSAL);
  const rows = ["Medlem;Søknad;Kriterium;Skår;Begrunnelse"];
  applications.forEach((application, index) =>
    CRITERIA.forEach((criterion, position) => rows.push(`${member};${application};${criterion};${((index + position) % 7) + 1};`)),
  );
  const csv = join(directory, `skarer-${member}.csv`);
  writeFileSync(csv, rows.join("\n") + "\n");
  cli("import", "scores", copy, csv);
  cli("export-scores", copy, "--member", member, "--output", output);
  return output;
}

/** Every row of the merge table as shown: file, status, status label and reason. */
async function mergeRows(app) {
  return app.execute(`
    return [...document.querySelectorAll('[data-testid="merge-row"]')].map((row) => ({
      file: row.dataset.file,
      status: row.dataset.status,
      label: row.querySelector('[data-testid="merge-status"]').textContent.trim(),
      reason: (row.querySelector('[data-testid="merge-reason"]') || { textContent: "" }).textContent.trim(),
    }));`);
}

async function waitForRows(app, statuses, what) {
  return app.until(async () => {
    const rows = await mergeRows(app);
    return JSON.stringify(rows.map((row) => row.status)) === JSON.stringify(statuses) ? rows : null;
  }, what);
}

/** Hands `paths` to the app's score-file picker and presses «Velg skårfiler …». */
async function chooseScoreFiles(app, paths) {
  writeFileSync(join(app.dialogs, "skarfiler.txt"), paths.join("\n") + "\n");
  await app.click("choose-score-files");
}

/**
 * Sends the event the window sends when files are dragged over it (`enter`, `leave`) or dropped
 * on it (`drop`), as Tauri's `tauri://drag-*` event.
 */
async function dragEvent(app, kind, paths = []) {
  const payload = kind === "leave" ? null : { paths, position: { x: 400, y: 300 } };
  await app.execute(
    "window.__TAURI_INTERNALS__.invoke('plugin:event|emit', { event: arguments[0], payload: arguments[1] })",
    [`tauri://drag-${kind}`, payload],
  );
}


test("the chair merges score files: bad files are refused with the reason and leave the master byte-identical", { timeout: 240_000 }, async () => {
  // The rounds, the copies and the score files, and the test build's dialog answers, in one folder.
  const files = mkdtempSync(join(tmpdir(), "samvurd-merge-"));
  const master = join(files, "tilskudd-2026.samvurd");
  makeRound(master, "Tilskudd 2026");
  const other = join(files, "tilskudd-2025.samvurd");
  makeRound(other, "Tilskudd 2025");

  // Kari has scored three applications and is recused from a fourth; Ola has scored them all.
  const kari = scoreCopy(master, files, "kari-nordmann", ["VV-2026-001", "VV-2026-002", "VV-2026-004"], join(files, "skarer-kari.json"), "VV-2026-003");
  const ola = scoreCopy(master, files, "ola-hansen", APPLICATIONS, join(files, "skarer-ola.json"));
  const otherRound = scoreCopy(other, files, "kari-nordmann", ["VV-2026-001"], join(files, "skarer-annen-runde.json"));
  // Tampered: one score changed by hand, the checksum left as it was.
  const tampered = join(files, "skarer-kari-endret.json");
  const content = JSON.parse(readFileSync(kari, "utf8"));
  content.scores[0].value = content.scores[0].value === 7 ? 1 : 7;
  writeFileSync(tampered, JSON.stringify(content, null, 2));

  const chair = await App.start({ args: [master], dialogDir: files });
  try {
    await chair.waitForText("round-name", "Tilskudd 2026");
    await chair.click("nav-merge");
    await chair.find("merge-history-empty");
    assert.equal(await chair.exists("merge-table"), false);
    await shoot(chair, "20-slaa-sammen-tom");
    const untouched = sha256(master);

    // ---- the dry run: a good file and the two bad ones, nothing written ----------------------
    await chooseScoreFiles(chair, [kari, otherRound, tampered]);
    let rows = await waitForRows(chair, ["would_merge", "refused", "refused"], "the dry run of three files");
    assert.deepEqual(
      rows.map((row) => [row.file, row.label]),
      [
        ["skarer-kari.json", "Klar til å slås sammen"],
        ["skarer-annen-runde.json", "Avvist"],
        ["skarer-kari-endret.json", "Avvist"],
      ],
    );
    assert.equal(rows[0].reason, "");
    assert.match(rows[1].reason, /«skarer-annen-runde\.json» hører til en annen søknadsrunde \(«Tilskudd 2025»\), ikke «Tilskudd 2026»/);
    assert.match(rows[2].reason, /Kontrollsummen i skårfila «skarer-kari-endret\.json» stemmer ikke med innholdet/);
    const karisRow = await chair.execute(
      "return [...document.querySelector('[data-testid=\"merge-row\"][data-file=\"skarer-kari.json\"]').cells].map((cell) => cell.textContent.trim())",
    );
    // Name, the key's short fingerprint (a first key for Kari: «ny nøkkel»), then the counts.
    assert.equal(karisRow[1], "Kari Nordmann");
    assert.match(karisRow[2], /^[0-9A-F]{4}(-[0-9A-F]{4}){3} ny nøkkel$/);
    assert.deepEqual(karisRow.slice(3, 7), ["15", "–", "–", "1 ny"]);
    assert.equal(
      await chair.textOf("merge-summary"),
      "1 fil kan slås sammen, 2 blir avvist. Ingenting er skrevet ennå.",
    );
    assert.equal(await chair.textOf("merge-confirm"), "Slå sammen 1 fil");
    assert.equal(sha256(master), untouched, "the dry run wrote nothing");
    await shoot(chair, "21-slaa-sammen-kontroll");

    // ---- the good file taken out: only refused files, nothing can be merged ------------------
    const [remove] = await chair.findAll('[data-testid="merge-row"][data-file="skarer-kari.json"] [data-testid="merge-remove"]');
    await remove.click();
    rows = await waitForRows(chair, ["refused", "refused"], "the batch without Kari's file");
    assert.equal(await chair.textOf("merge-summary"), "Ingen av filene kan slås sammen. Se grunnen ved hver fil.");
    assert.equal(await (await chair.find("merge-confirm")).property("disabled"), true);
    assert.equal(sha256(master), untouched, "removing a file wrote nothing");

    // ---- two good files added to the batch and merged, the bad ones refused again -------------
    await chooseScoreFiles(chair, [kari, ola]);
    await waitForRows(chair, ["refused", "refused", "would_merge", "would_merge"], "the batch of four");
    assert.equal(await chair.textOf("merge-confirm"), "Slå sammen 2 filer");
    await chair.click("merge-confirm");
    rows = await waitForRows(chair, ["refused", "refused", "merged", "merged"], "the result of the merge");
    assert.match(rows[0].reason, /hører til en annen søknadsrunde/);
    assert.match(rows[1].reason, /Kontrollsummen/);
    assert.equal(
      await chair.textOf("merge-summary"),
      "2 filer er lagt inn og 2 filer ble avvist og er ikke tatt med.",
    );
    const backup = await chair.textOf("merge-backup");
    assert.match(backup, /tilskudd-2026\.sikkerhetskopi-\d{4}-\d{2}-\d{2}-\d{6}\.samvurd$/);
    assert.ok(existsSync(backup), "the backup is where the screen says");
    // The backup is the round as it was: no scores yet.
    const before = JSON.parse(cli("show", backup, "--json"));
    assert.deepEqual(before.members.map((entry) => entry.scores_given), [0, 0, 0]);
    assert.notEqual(sha256(master), untouched);

    // The history, newest first, from the audit log.
    await chair.until(async () => (await chair.findAll('[data-testid="history-row"]')).length === 2, "two merges in the history");
    const history = await chair.execute(
      "return [...document.querySelectorAll('[data-testid=\"history-row\"]')].map((row) => [...row.cells].slice(1, 4).map((cell) => cell.textContent.trim()))",
    );
    assert.deepEqual(history, [
      ["Ola Hansen", "skarer-ola.json", "160 nye skårer"],
      ["Kari Nordmann", "skarer-kari.json", "15 nye skårer og 1 ny inhabilitetserklæring"],
    ]);
    await shoot(chair, "22-slaa-sammen-ferdig");
    // Scroll the screen itself (not the page around it) to the history at the bottom.
    await chair.execute("const main = document.querySelector('main'); main.scrollTop = main.scrollHeight");
    await shoot(chair, "22b-slaa-sammen-historikk");

    // ---- a real merge of the bad files beside one with nothing new: master byte-identical ----
    const merged = sha256(master);
    await chooseScoreFiles(chair, [kari, otherRound, tampered]);
    rows = await waitForRows(chair, ["would_merge", "refused", "refused"], "the second batch's dry run");
    assert.equal(rows[0].label, "Ingenting nytt");
    await chair.click("merge-confirm");
    rows = await waitForRows(chair, ["unchanged", "refused", "refused"], "the second batch's result");
    assert.match(rows[1].reason, /hører til en annen søknadsrunde/);
    assert.match(rows[2].reason, /Kontrollsummen/);
    await chair.find("merge-no-backup");
    assert.equal(await chair.exists("merge-backup"), false);
    assert.match(await chair.textOf("merge-summary"), /Runden er ikke endret\.$/);
    assert.equal(sha256(master), merged, "refused and unchanged files left the master byte-identical");
    assert.equal(readdirSync(files).filter((name) => name.includes("sikkerhetskopi")).length, 1, "no second backup");
    assert.equal((await chair.findAll('[data-testid="history-row"]')).length, 2);

    // ---- the status screen: who has sent what, how complete, recusals -------------------------
    await chair.click("nav-status");
    await chair.waitForText("status-complete", "1 av 3 medlemmer er ferdige");
    const members = await chair.execute(`
      return [...document.querySelectorAll('[data-testid="status-member"]')].map((row) => ({
        id: row.dataset.member,
        progress: (row.querySelector('[data-testid="status-progress"]') || { textContent: "" }).textContent.replace(/\\s+/g, " ").trim(),
        done: Boolean(row.querySelector('[data-testid="status-done"]')),
        cells: [...row.cells].map((cell) => cell.textContent.replace(/\\s+/g, " ").trim()),
      }));`);
    assert.deepEqual(
      members.map((member) => [member.id, member.progress, member.done]),
      [
        ["kari-nordmann", "15 av 155 (9 %)", false],
        ["ola-hansen", "160 av 160 (100 %)", true],
        ["maret-sara", "0 av 160 (0 %)", false],
      ],
    );
    assert.match(members[0].cells[0], /^Kari Nordmann\s*Kommune, Drammen kommune$/);
    assert.equal(members[0].cells[2], "1 søknad");
    assert.match(members[0].cells[3], /^skarer-kari\.json\s*\d{2}\.\d{2}\.\d{4} kl\. \d{2}:\d{2}$/);
    assert.equal(members[1].cells[2], "–");
    assert.match(members[1].cells[3], /^skarer-ola\.json/);
    assert.equal(members[2].cells[3], "Ingen skårfil ennå");
    const recusals = await chair.execute(
      "return [...document.querySelectorAll('[data-testid=\"status-recusal\"]')].map((row) => [...row.cells].map((cell) => cell.textContent.replace(/\\s+/g, ' ').trim()))",
    );
    assert.equal(recusals.length, 1);
    assert.equal(recusals[0][0], "Kari Nordmann");
    assert.match(recusals[0][1], /^VV-2026-003\s*\S/);
    assert.equal(recusals[0][2], RECUSAL);
    await shoot(chair, "23-status");

    // ---- files dropped on the window ----------------------------------------------------------
    // WebDriver cannot drag a file from outside the page, so the test sends the events the
    // window itself sends when files are dragged over it and dropped, through Tauri's event
    // system. On the status screen nobody listens: the merge result stays as it was.
    await dragEvent(chair, "drop", [kari]);
    await chair.click("nav-merge");
    await waitForRows(chair, ["unchanged", "refused", "refused"], "the last result, untouched by a drop elsewhere");
    await dragEvent(chair, "enter", [kari]);
    await chair.until(() => chair.execute("return document.querySelector('[data-testid=\"drop-zone\"]').classList.contains('drop-over')"), "the drop zone lit up");
    await dragEvent(chair, "leave");
    await chair.until(() => chair.execute("return !document.querySelector('[data-testid=\"drop-zone\"]').classList.contains('drop-over')"), "the drop zone back to normal");
    await dragEvent(chair, "drop", [kari, tampered]);
    rows = await waitForRows(chair, ["would_merge", "refused"], "the dry run of the dropped files");
    assert.deepEqual(rows.map((row) => row.file), ["skarer-kari.json", "skarer-kari-endret.json"]);
    assert.equal(sha256(master), merged);
    await chair.click("merge-cancel");
    assert.equal(await chair.exists("merge-table"), false);
  } finally {
    await chair.quit();
  }

  // The CLI, independently of the app, sees the same master.
  const shown = JSON.parse(cli("show", master, "--json"));
  assert.deepEqual(
    shown.members.map((entry) => [entry.member.id, entry.scores_given, entry.scores_expected]),
    [
      ["kari-nordmann", 15, 155],
      ["ola-hansen", 160, 160],
      ["maret-sara", 0, 160],
    ],
  );
});
