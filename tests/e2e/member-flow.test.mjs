// The product as people meet it: the chair creates a round from a template, imports 32
// applications from the Windows-1252 CSV that Norwegian Excel writes, and adds the working group;
// a member chooses themselves, declares one conflict of interest and scores every application
// with the keyboard only; after a restart every score is still there; the exported score file is
// checked with the samvurd CLI, independently of the app.

import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { App, Keys } from "./webdriver.mjs";
import { addMember, becomeMember, createRound, importApplications } from "./steps.mjs";

const CRITERIA = ["baerekraft", "beon", "samiske-pasienter", "minste-sykehus", "spredning"];
const RECUSED = "VV-2026-003";
const JUSTIFICATION = "Sterk plan for 2027 i Drammen; 4 kommuner er med.";
const LAST_MINUTE = "Skrevet rett før eksporten.";

/** The key a member types for application number `index` (0-based) and criterion `criterion`. */
function plannedKey(index, criterion) {
  // Every third application gets «ikke relevant» on Sámi patients, which allows it.
  if (criterion === 2 && index % 3 === 0) return "i";
  return String(((index + criterion) % 7) + 1);
}

function cli(...args) {
  const binary = process.env.SAMVURD_CLI;
  if (!binary) throw new Error("SAMVURD_CLI must name the samvurd binary");
  return execFileSync(binary, args, { encoding: "utf8" });
}

/** The application on screen and the value each criterion shows (`5`, `IR` or empty). */
async function screenState(app) {
  return app.execute(`
    const reference = document.querySelector('[data-testid="application-reference"]');
    return {
      reference: reference && reference.textContent,
      values: [...document.querySelectorAll('section.criterion')].map((card) => card.dataset.value),
      focused: document.activeElement && document.activeElement.getAttribute('data-testid'),
    };`);
}

async function waitForApplication(app, reference) {
  return app.until(async () => {
    const state = await screenState(app);
    return state.reference === reference && state.focused === `score-${CRITERIA[0]}` ? state : null;
  }, `application ${reference} with the focus on its first criterion`);
}

test("a member scores every application with the keyboard, and every score survives a restart", { timeout: 240_000 }, async () => {
  let app = await App.start();
  const { home, dialogs } = app;
  const expected = new Map();
  let master;
  const roundPath = join(dialogs, "kopier-til-medlemmene", "Kari Nordmann – Tilskudd 2026.samvurd");
  try {
    // ---- the chair ----------------------------------------------------------------------------
    await app.find("template-standard");
    master = await createRound(app, { template: "standard", title: "Tilskudd 2026" });
    const count = await importApplications(app, "soknader-excel.csv");
    assert.match(count, /32 søknader uten feil/);
    // Windows-1252 was read as such: æ, ø and å are intact.
    const table = await app.textOf("applications-table");
    assert.match(table, /Kompetanseløft i palliasjon for hjemmetjenesten/);
    assert.match(table, /Psykisk helse og rus: felles inntaksteam/);
    assert.equal((await app.findAll('[data-testid="application-row"]')).length, 32);

    await addMember(app, "Kari Nordmann", "Drammen kommune", "kommune");
    await addMember(app, "Ola Hansen", "Vestre Viken HF", "hf");
    await addMember(app, "Máret Sara", "Brukerrådet", "brukerrepresentant");
    assert.equal((await app.findAll('[data-testid="member-row"]')).length, 3);
    assert.match(await app.textOf("members-table"), /Máret Sara\s*Brukerrådet\s*Brukerrepresentant/);
    // The chair keeps the master and makes one copy per member.
    await app.click("make-member-copies");
    await app.waitForText("member-copies-result", /3 kopier er lagret/);
    await app.quit();

    // ---- the member, in her own copy ----------------------------------------------------------
    app = await App.start({ args: [roundPath], home, dialogDir: dialogs });
    await app.waitForText("identity-form", /Hvem er du\?/);
    await becomeMember(app, "kari-nordmann");
    assert.equal(await app.title(), "Kari Nordmann – Tilskudd 2026 – Samvurd");
    assert.equal(await app.textOf("progress"), "0 av 32 søknader ferdig vurdert");
    await waitForApplication(app, "VV-2026-001");

    // Refusals are visible, and change nothing: «ikke relevant» where it is not allowed, and a
    // digit off the scale.
    await app.keys("i");
    assert.match(await app.textOf(`notice-${CRITERIA[0]}`), /«Ikke relevant» kan ikke brukes for «Bærekraft»/);
    await app.keys("9");
    assert.match(await app.textOf(`notice-${CRITERIA[0]}`), /«9» er ikke på skalaen. Gi en skår fra 1 til 7/);
    assert.equal((await screenState(app)).values[0], "");

    // A conflict of interest, declared before scoring: → → goes to the third application.
    await app.keys(Keys.right + Keys.right);
    await waitForApplication(app, RECUSED);
    await app.click("recuse");
    // A recusal needs a reason; the refusal is shown in the form.
    await app.click("recusal-confirm");
    await app.find("error-recusal");
    await app.fill("recusal-reason", "Jeg sitter i styringsgruppa for prosjektet.");
    await app.click("recusal-confirm");
    await app.waitForText("recused-list", "Inhabil: Jeg sitter i styringsgruppa for prosjektet.");
    assert.equal(await app.textOf("progress"), "0 av 31 søknader ferdig vurdert");
    assert.equal(await app.exists(`work-${RECUSED}`), false, "the application has left the member's list");
    // The recusal is confirmed where the member is looking, with «Angre»; «Neste søknad» goes
    // on, and ← skips the recused one on the way back.
    await app.waitForText("recused-note", `Du er registrert som inhabil i ${RECUSED}`);
    await app.click("recused-next");
    await waitForApplication(app, "VV-2026-004");
    await app.keys(Keys.left);
    await waitForApplication(app, "VV-2026-002");
    await app.keys(Keys.left);
    await waitForApplication(app, "VV-2026-001");

    // Every application, keyboard only: a digit (or i) and Enter per criterion; the last Enter
    // moves on to the next application.
    const references = [];
    for (let index = 0; index < 31; index++) {
      const state = await app.until(async () => {
        const now = await screenState(app);
        return now.focused === `score-${CRITERIA[0]}` && !references.includes(now.reference) ? now : null;
      }, `application number ${index + 1}`);
      references.push(state.reference);
      const keys = CRITERIA.map((_, criterion) => plannedKey(index, criterion));
      expected.set(state.reference, keys.map((key) => (key === "i" ? "IR" : key)));
      if (index === 0) {
        // A score cleared at once, before the round file has answered it, is cleared there too:
        // the key is decided on the score as typed, not on what the screen showed. Both keys
        // are pressed in one script, so the first answer cannot come between them.
        await app.execute(`
          const group = document.activeElement;
          for (const key of ["6", "Backspace"]) group.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true }));`);
        await app.waitForSaved();
        assert.equal((await screenState(app)).values[0], "");
        // A justification: Tab into it, type (digits, i and arrows are text here), Esc back.
        await app.keys(keys[0] + Keys.tab);
        assert.equal(await app.focused(), `justification-${CRITERIA[0]}`);
        await app.keys(JUSTIFICATION + Keys.left + Keys.right);
        await app.keys(Keys.escape);
        assert.equal(await app.focused(), `score-${CRITERIA[0]}`);
        await app.keys(Keys.enter + keys.slice(1).map((key) => key + Keys.enter).join(""));
      } else {
        await app.keys(keys.map((key) => key + Keys.enter).join(""));
      }
    }
    await app.waitForText("progress", "31 av 31 søknader ferdig vurdert");
    await app.waitForSaved();
    assert.equal(await app.exists("error-scoring"), false);
    assert.match(await app.textOf("move-notice"), /Alle søknadene er ferdig vurdert/);
    assert.equal(new Set(references).size, 31);
    assert.ok(!references.includes(RECUSED));
  } finally {
    await app.quit();
  }

  // ---- a restart: the round named on the command line opens where the member left off -------
  app = await App.start({ args: [roundPath], home, dialogDir: dialogs });
  try {
    await app.waitForText("progress", "31 av 31 søknader ferdig vurdert");
    assert.equal(await app.title(), "Kari Nordmann – Tilskudd 2026 – Samvurd");
    await waitForApplication(app, "VV-2026-001");
    assert.equal(await (await app.find(`justification-${CRITERIA[0]}`)).property("value"), JUSTIFICATION);
    const seen = new Map();
    for (let index = 0; index < 31; index++) {
      const state = await app.until(async () => {
        const now = await screenState(app);
        return now.focused === `score-${CRITERIA[0]}` && !seen.has(now.reference) ? now : null;
      }, `application number ${index + 1} after the restart`);
      seen.set(state.reference, state.values);
      await app.keys(Keys.right);
    }
    assert.deepEqual(Object.fromEntries(seen), Object.fromEntries(expected));
    assert.match(await app.textOf("recused-list"), /VV-2026-003[\s\S]*Inhabil: Jeg sitter i styringsgruppa/);

    // A justification typed just before leaving the screen is saved all the same.
    await app.click("work-VV-2026-001");
    await (await app.find(`justification-${CRITERIA[1]}`)).click();
    await app.keys(LAST_MINUTE);

    // ---- export, checked by the CLI -----------------------------------------------------------
    await app.click("nav-export");
    await app.click("export-scores");
    const result = await app.waitForText("export-result", "155 skårer og 1 inhabilitet fra Kari Nordmann");
    const exported = join(dialogs, "Kari Nordmann – skårer – Tilskudd 2026.json");
    assert.ok(result.includes(exported));
    assert.ok(existsSync(exported));
    const file = JSON.parse(readFileSync(exported, "utf8"));
    const justification = (criterion) =>
      file.scores.find((score) => score.application === "VV-2026-001" && score.criterion === criterion)?.justification;
    assert.equal(justification(CRITERIA[0]), JUSTIFICATION);
    assert.equal(justification(CRITERIA[1]), LAST_MINUTE);
  } finally {
    await app.quit();
  }

  const merge = JSON.parse(cli("merge", master, join(dialogs, "Kari Nordmann – skårer – Tilskudd 2026.json"), "--dry-run", "--json"));
  assert.equal(merge.dry_run, true);
  assert.equal(merge.files.length, 1);
  const [file] = merge.files;
  assert.equal(file.status, "would_merge", JSON.stringify(file));
  assert.equal(file.member, "kari-nordmann");
  assert.equal(file.member_name, "Kari Nordmann");
  assert.deepEqual(file.counts, {
    scores_new: 155,
    scores_updated: 0,
    scores_unchanged: 0,
    scores_older: 0,
    recusals_new: 1,
    recusals_updated: 0,
    recusals_unchanged: 0,
    recusals_older: 0,
    scores_on_recused_applications: 0,
  });
  assert.equal(file.signature, "first_key", "the app signed the export with Kari's key");
  assert.match(file.fingerprint, /^[0-9A-F]{4}(-[0-9A-F]{4}){3}$/);

  // The member's own round file, read by the CLI: the recusal and the progress are in it.
  const shown = JSON.parse(cli("show", roundPath, "--json"));
  const kari = shown.members.find((entry) => entry.member.id === "kari-nordmann");
  assert.equal(kari.scores_given, 155);
  assert.equal(kari.scores_expected, 155);
  assert.deepEqual(
    shown.recusals.map((recusal) => [recusal.member, recusal.application, recusal.reason]),
    [["kari-nordmann", RECUSED, "Jeg sitter i styringsgruppa for prosjektet."]],
  );
});
