// The window keeps answering while a long document is written: on a round of 200 applications
// the chair starts the innstilling, clicks another screen at once, and that screen is shown
// before the PDF is in place. The commands that can take longer than a frame run off the main
// thread (`#[tauri::command(async)]`) and write from a copy of the round, so neither the webview
// nor the next command waits for the PDF.

import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App } from "./webdriver.mjs";

const APPLICATIONS = 200;
const MEMBERS = ["m1", "m2", "m3"];
const CRITERIA = ["baerekraft", "beon", "samiske-pasienter", "minste-sykehus", "spredning"];

function cli(...args) {
  const binary = process.env.SAMVURD_CLI;
  if (!binary) throw new Error("SAMVURD_CLI must name the samvurd binary");
  return execFileSync(binary, args, { encoding: "utf8" });
}

/** A round of 200 scored applications, made with the CLI. */
function bigRound(directory) {
  const round = join(directory, "stor.samvurd");
  cli("create", round, "--title", "Stor runde", "--template", "standard", "--frame", "20 500 000");
  for (const [index, id] of MEMBERS.entries()) {
    cli("member", "add", round, "--id", id, "--name", `Medlem ${index + 1}`, "--role", "kommune");
  }
  const references = Array.from({ length: APPLICATIONS }, (_, index) => `S-${String(index + 1).padStart(3, "0")}`);
  const applications = ["Søknadsnr;Prosjekttittel;Ansvarlig søker;Søkerside;Omsøkt beløp"]
    .concat(references.map((reference, index) => `${reference};Prosjekt ${index + 1};Kommune ${index + 1} kommune;kommune;${100_000 + 1_000 * index}`))
    .join("\n");
  writeFileSync(join(directory, "soknader.csv"), applications);
  cli("import", "applications", round, join(directory, "soknader.csv"));
  const scores = ["Medlem;Søknad;Kriterium;Skår"];
  for (const [memberIndex, member] of MEMBERS.entries()) {
    for (const [index, reference] of references.entries()) {
      for (const [criterionIndex, criterion] of CRITERIA.entries()) {
        scores.push(`${member};${reference};${criterion};${1 + ((index + memberIndex + criterionIndex) % 7)}`);
      }
    }
  }
  writeFileSync(join(directory, "skarer.csv"), scores.join("\n"));
  cli("import", "scores", round, join(directory, "skarer.csv"));
  return round;
}

test("a navigation click changes the screen while a 200-application innstilling is written", { timeout: 300_000 }, async () => {
  const directory = mkdtempSync(join(tmpdir(), "samvurd-responsive-"));
  const round = bigRound(directory);
  const app = await App.start({ args: [round] });
  try {
    await app.click("nav-finish");
    await app.find("write-innstilling", { timeout: 60_000 });
    // The finish screen computes the dashboard first; the button is enabled when that is done.
    await app.until(
      () => app.execute(`return !document.querySelector('[data-testid="write-innstilling"]').disabled;`),
      "the finish screen to be ready",
      120_000,
    );
    const pdf = join(app.dialogs, "innstilling.pdf");
    assert.ok(!existsSync(pdf));

    await app.click("write-innstilling");
    // The write has started: the button is disabled while it runs.
    await app.until(
      () => app.execute(`return document.querySelector('[data-testid="write-innstilling"]').disabled;`),
      "the write to start",
    );
    await app.click("nav-status");
    await app.until(
      () => app.execute(`return document.querySelector("main").classList.contains("screen-status");`),
      "the status screen",
    );
    assert.ok(!existsSync(pdf), "the status screen is shown before the innstilling is written");

    await app.until(() => existsSync(pdf), "the innstilling to be written", 240_000);
  } finally {
    await app.quit();
  }
});
