// Who a member is does not travel with the file (issue 13): the chair picks an identity in the
// master, copies the file and opens the copy on the same machine; the app asks «Hvem er du?»,
// shows the set-up read-only, and «Bytt person» works and is logged. The master still knows the
// chair.

import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App } from "./webdriver.mjs";
import { addMember, becomeMember, createRound } from "./steps.mjs";

function cli(...args) {
  const binary = process.env.SAMVURD_CLI;
  if (!binary) throw new Error("SAMVURD_CLI must name the samvurd binary");
  const data = mkdtempSync(join(tmpdir(), "samvurd-cli-data-"));
  return execFileSync(binary, args, { encoding: "utf8", env: { ...process.env, SAMVURD_DATA_DIR: data } });
}

async function disabled(app, testid) {
  return app.execute(`return document.querySelector('[data-testid="${testid}"]').disabled;`);
}

test("a copy of the master asks who you are, shows set-up read-only, and switching person is logged", { timeout: 240_000 }, async () => {
  let app = await App.start();
  const { home, dialogs } = app;
  const copy = join(dialogs, "kopi.samvurd");
  let master;
  try {
    // ---- the chair, in the master: the round, two members, and the chair's own identity --------
    await app.find("template-standard");
    master = await createRound(app, { title: "Tilskudd 2026" });
    await addMember(app, "Kari Nordmann", "Drammen kommune", "kommune");
    await addMember(app, "Ola Hansen", "Vestre Viken HF", "hf");
    assert.equal(await app.exists("setup-read-only"), false, "the master's set-up can be changed");
    await becomeMember(app, "kari-nordmann");
    await app.waitForText("who", "Du er Kari Nordmann");
  } finally {
    await app.quit();
  }

  // ---- the chair copies the master and opens the copy: the identity did not come along ---------
  copyFileSync(master, copy);
  app = await App.start({ args: [copy], home, dialogDir: dialogs });
  try {
    await app.waitForText("identity-form", /Hvem er du\?/);
    assert.equal(await app.exists("who"), false, "nobody is chosen in the copy");

    // Set-up is read-only in a member's copy, with a note saying why; it is not a tab there.
    assert.equal(await app.exists("nav-setup"), false);
    await app.click("view-setup");
    await app.waitForText("setup-read-only", /medlemskopi/);
    await app.click("tab-round");
    assert.equal(await disabled(app, "info-title"), true);
    await app.click("tab-members");
    assert.equal(await disabled(app, "add-member"), true);
    assert.equal(await disabled(app, "member-name"), true);

    // Ola chooses himself, then «Bytt person» back to Kari, confirmed by choosing her.
    await becomeMember(app, "ola-hansen");
    await app.waitForText("who", "Du er Ola Hansen");
    await app.click("switch-person");
    await app.waitForText("switch-person-note", /registrert som Ola Hansen/);
    await app.click("identity-kari-nordmann");
    await app.click("identity-confirm");
    await app.waitForText("who", "Du er Kari Nordmann");
  } finally {
    await app.quit();
  }

  // The choice and the switch are in the copy's log; nobody's identity is in either file.
  const log = JSON.parse(cli("log", copy, "--json"));
  const actions = log.map((entry) => entry.action);
  assert.ok(actions.includes("choose_person"), actions.join(", "));
  const switched = log.find((entry) => entry.action === "switch_person");
  assert.ok(switched, actions.join(", "));
  assert.match(switched.detail, /"previous":"ola-hansen"/);
  assert.match(switched.detail, /"member":"kari-nordmann"/);

  // ---- back in the master on the chair's machine: still the chair, straight to scoring ---------
  app = await App.start({ args: [master], home, dialogDir: dialogs });
  try {
    await app.waitForText("who", "Du er Kari Nordmann");
    await app.click("nav-setup");
    await app.find("info-title");
    assert.equal(await app.exists("setup-read-only"), false);
    assert.equal(await disabled(app, "info-title"), false);
  } finally {
    await app.quit();
  }
});
