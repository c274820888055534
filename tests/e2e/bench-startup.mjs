// `cargo xtask bench`: cold start to first paint of the desktop app on a 200-application round,
// and the resident memory (PSS of the app and its WebKit processes together) once it is open.
// Run under Xvfb with SAMVURD_APP (the desktop binary) and SAMVURD_CLI (the samvurd binary).

import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App } from "./webdriver.mjs";
import { becomeMember } from "./steps.mjs";

const cli = process.env.SAMVURD_CLI;
const directory = mkdtempSync(join(tmpdir(), "samvurd-bench-"));
const round = join(directory, "runde-200.samvurd");
const run = (...args) => execFileSync(cli, ["--som", "bench", ...args], { stdio: "pipe" });

run("create", round, "--title", "Målerunde med 200 søknader", "--template", "standard", "--frame", "50 000 000");
for (let index = 1; index <= 9; index++) {
  run("member", "add", round, "--id", `m${index}`, "--name", `Medlem ${index}`, "--role", "kommune");
}
let csv = "Søknadsnr;Tittel;Ansvarlig søker;Søkerside;Omsøkt beløp;Sammendrag\n";
for (let index = 1; index <= 200; index++) {
  csv += `B-${String(index).padStart(4, "0")};Samhandlingstiltak nr. ${index} for eldre med skrøpelighet;Kommune ${index};kommune;${100 + index} 000;Et felles team mellom kommune og sykehus som følger opp pasientene etter utskrivning.\n`;
}
const applications = join(directory, "soknader.csv");
writeFileSync(applications, csv);
run("import", "applications", round, applications);

/** The process and all its descendants, from /proc. */
function family(root) {
  const children = new Map();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (!children.has(parent)) children.set(parent, []);
      children.get(parent).push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  const all = [];
  const queue = [root];
  while (queue.length) {
    const pid = queue.shift();
    all.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return all;
}

function pssKilobytes(pids) {
  let total = 0;
  for (const pid of pids) {
    try {
      const match = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8").match(/^Pss:\s+(\d+) kB/m);
      if (match) total += Number(match[1]);
    } catch {
      // Gone, or not ours to read.
    }
  }
  return total;
}

const starts = [];
let pss = 0;
for (let attempt = 0; attempt < 3; attempt++) {
  const started = performance.now();
  const app = await App.start({ args: [round] });
  try {
    const name = await app.find("round-name", { timeout: 60000 });
    await app.until(async () => (await name.text()).includes("200"), "the round's name", 60000);
    starts.push(performance.now() - started);
    if (attempt === 2) {
      const pids = execFileSync("pgrep", ["-f", process.env.SAMVURD_APP]).toString().trim().split("\n").map(Number);
      pss = pids.reduce((sum, pid) => sum + pssKilobytes(family(pid)), 0);
    }
  } finally {
    await app.quit();
  }
}
// Keystroke to disk: a member types scores with the keyboard; each key press, dispatched in the
// page, is timed until the save state says «Lagret», which the UI shows only when the command
// that wrote the score has returned, after SQLite's commit (synchronous=FULL).
const KEYSTROKES = 200;
let keystrokes = [];
{
  const app = await App.start({ args: [round] });
  try {
    await becomeMember(app, "m1");
    keystrokes = await app.command("POST", "/execute/async", {
      args: [KEYSTROKES],
      script: `
        const [count, done] = arguments;
        const status = document.querySelector('[data-testid="save-state"]');
        const times = [];
        const press = (index) => new Promise((resolve) => {
          let sawSaving = false;
          const observer = new MutationObserver(() => {
            if (status.classList.contains("save-saving")) sawSaving = true;
            if (sawSaving && status.classList.contains("save-saved")) {
              observer.disconnect();
              resolve(performance.now() - started);
            }
          });
          observer.observe(status, { attributes: true, childList: true, subtree: true, characterData: true });
          const key = String((index % 7) + 1);
          const started = performance.now();
          document.body.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true }));
        });
        (async () => {
          for (let index = 0; index < count; index++) {
            if (document.activeElement && document.activeElement !== document.body) document.activeElement.blur();
            times.push(await press(index));
          }
          done(times);
        })();
      `,
    });
  } finally {
    await app.quit();
  }
}
keystrokes.sort((left, right) => left - right);
const percentile = (share) => keystrokes[Math.min(keystrokes.length - 1, Math.ceil(share * keystrokes.length) - 1)];

starts.sort((left, right) => left - right);
const startMs = Math.round(starts[1]);
const pssMiB = Math.round(pss / 1024);
const verdict = (ok) => (ok ? "met" : "NOT met");
console.log(
  `desktop app, 200-application round: start to first paint of the round ${startMs} ms (median of 3, includes starting tauri-driver and the WebDriver session; target ≤ 1000 ms: ${verdict(startMs <= 1000)}); resident memory (PSS, app + WebKit processes) ${pssMiB} MiB (target ≤ 250 MiB: ${verdict(pssMiB <= 250)})`,
);
console.log(
  `desktop app, keystroke to disk (key press in the page to «Lagret» after the commit), ${keystrokes.length} scores: p50 ${percentile(0.5).toFixed(1)} ms, p99 ${percentile(0.99).toFixed(1)} ms, max ${keystrokes[keystrokes.length - 1].toFixed(1)} ms (target p99 ≤ 10 ms: ${verdict(percentile(0.99) <= 10)})`,
);
