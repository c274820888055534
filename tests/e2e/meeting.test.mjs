// The meeting on the sample round (issue 16): the application with two recused members names both
// as leaving the room and the rest as taking part; the «Rekkefølge» option reorders the queue so
// that members leave and come back fewer times, with the applications to discuss still first;
// the leader and deputy are chosen, and the deputy chairs the item the leader is recused from;
// the group's consensus with a majority and a minority view is recorded and reaches
// `samvurd results --json`; and «Avslutt» lists what the meeting must still record.

import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { App } from "./webdriver.mjs";
import { shoot } from "./steps.mjs";

function results(file) {
  const cli = process.env.SAMVURD_CLI;
  if (!cli) throw new Error("SAMVURD_CLI must name the samvurd binary");
  return JSON.parse(execFileSync(cli, ["results", "--json", file], { encoding: "utf8" }));
}

/** The queue as the screen lists it, top to bottom. */
function queue(app) {
  return app.execute(
    `return [...document.querySelectorAll('[data-testid^="queue-"][data-testid^="queue-VV"]')].map((item) => item.dataset.testid.slice(6));`,
  );
}

test("the meeting names who leaves the room, orders the queue and records the consensus", { timeout: 240_000 }, async () => {
  const app = await App.start();
  try {
    await app.click("open-sample");
    await app.waitForText("round-name", "(eksempel)");
    const file = join(app.home, "data", "no.samvurd.app", "eksempelrunde.samvurd");

    await app.click("nav-meeting");
    await app.find("meeting-remaining");

    // VV-2026-005: Máret Sara and Nils Ødegård are recused and must leave; eight may take part.
    await app.click("queue-VV-2026-005");
    await app.waitForText("case-reference", "VV-2026-005");
    const leaving = await app.textOf("case-leaving");
    assert.match(leaving, /Må gå ut/);
    assert.match(leaving, /Máret Sara/);
    assert.match(leaving, /Nils Ødegård/);
    const present = await app.textOf("case-present");
    assert.ok(!present.includes("Máret Sara") && !present.includes("Nils Ødegård"), present);
    assert.match(present, /Ingrid Solberg/);
    await shoot(app, "50-mote-inhabile");

    // «Rekkefølge»: fewer leave/return changes, the same applications, those to discuss first.
    const byRank = await queue(app);
    assert.match(await app.textOf("queue-moves"), /etter rangering 18, færrest 14/);
    await app.select("queue-order", "fewest");
    await app.waitForText("queue-moves", /^Ut og inn av rommet: 14 ganger/);
    const fewest = await queue(app);
    assert.notDeepEqual(fewest, byRank, "the queue is reordered");
    assert.deepEqual([...fewest].sort(), [...byRank].sort(), "the same applications");
    const json = results(file);
    const toDiscuss = json.applications
      .filter((application) => application.flags.length > 0 || application.uncertainty?.label === "grey_zone")
      .map((application) => application.reference);
    assert.deepEqual(new Set(fewest.slice(0, toDiscuss.length)), new Set(toDiscuss), "the flagged and grey-zone first");

    // Leader Ingrid Solberg is recused from VV-2026-020; the deputy Per Haugen chairs it.
    await app.select("chair-leader", "m01");
    await app.select("chair-deputy", "m02");
    await app.click("save-chairs");
    await app.waitForText("notice-chairs", /lagret/);
    await app.click("queue-VV-2026-020");
    await app.waitForText("case-reference", "VV-2026-020");
    await app.waitForText("case-chaired-by", /Per Haugen leder behandlingen/);

    // The consensus on VV-2026-005, with a minority of one.
    await app.click("queue-VV-2026-005");
    await app.waitForText("case-reference", "VV-2026-005");
    await app.fill("consensus-assessment", "Gruppen mener prosjektet er godt forankret, men budsjettet er stramt.");
    await app.click("consensus-split");
    await app.fill("consensus-majority", "Flertallet vil gi fullt beløp.");
    await app.fill("consensus-minority", "Mindretallet vil gi halvt beløp første år.");
    await app.click("minority-m06");
    await app.click("save-consensus");
    await app.waitForText("notice-consensus", /er lagret/);
    await shoot(app, "51-mote-vurdering");
    const recorded = results(file).applications.find((application) => application.reference === "VV-2026-005");
    assert.equal(recorded.consensus.assessment, "Gruppen mener prosjektet er godt forankret, men budsjettet er stramt.");
    assert.deepEqual(recorded.consensus.minority_members, ["m06"]);

    // «Avslutt» lists what is still missing, and the lock is refused with the same list.
    await app.click("nav-finish");
    const missing = await app.textOf("finish-missing");
    assert.match(missing, /mangler gruppens vurdering/);
    assert.ok(!missing.includes("VV-2026-005:"), "the recorded one is no longer missing");
  } finally {
    await app.quit();
  }
});
