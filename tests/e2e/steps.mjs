// Steps several end-to-end tests share: making a round through the UI as the chair would.

import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const IMPORT_DATA = join(ROOT, "tests", "data", "import");

/** Fills in the start screen and creates a round from a template; waits for the set-up screen. */
export async function createRound(app, { template = "standard", title = "Tilskudd 2026", frame = "20 500 000", deadline = "01.09.2026" } = {}) {
  await app.click(`template-${template}`);
  await app.fill("new-title", title);
  await app.fill("new-frame", frame);
  await app.fill("new-deadline", deadline);
  await app.click("create-round");
  await app.waitForText("round-name", title);
  return join(app.dialogs, "ny-runde.samvurd");
}

/** Imports applications from a fixture file through the preview; returns the preview's count text. */
export async function importApplications(app, fixture) {
  app.dialogFile("soknader.csv", readFileSync(join(IMPORT_DATA, fixture)));
  await app.click("tab-applications");
  await app.click("import-applications");
  const count = await app.waitForText("import-count", /søknader uten feil/);
  await app.click("import-confirm");
  await app.waitForText("notice-applications", /er importert/);
  return count;
}

export async function addMember(app, name, organisation, role) {
  await app.click("tab-members");
  await app.fill("member-name", name);
  await app.fill("member-organisation", organisation);
  await app.select("member-role", role);
  await app.click("add-member");
  await app.waitForText("notice-members", `${name} er lagt til`);
}

/** On a round without an identity: go to scoring and choose this member. */
export async function becomeMember(app, memberId) {
  await app.click("nav-scoring");
  await app.click(`identity-${memberId}`);
  await app.click("identity-confirm");
  await app.find("progress");
}
