// A small WebDriver client for the end-to-end tests: starts tauri-driver (which starts the app
// through Debian's WebKitWebDriver), and speaks the W3C WebDriver protocol with Node's fetch.
// Elements are found by data-testid. No npm packages are needed.

import { execFileSync, spawn } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

// One machine per test file: the CLI and every start of the app share one data directory, as
// on a real laptop, so a round made with `samvurd create` is the master when the app opens it
// (a round made on another machine opens as a member's copy).
export const MACHINE = process.env.SAMVURD_DATA_DIR || mkdtempSync(join(tmpdir(), "samvurd-machine-"));
process.env.SAMVURD_DATA_DIR = MACHINE;

const ELEMENT_KEY = "element-6066-11e4-a52f-4a0e82b1f4c1";

export const Keys = {
  enter: "\uE007",
  tab: "\uE004",
  backspace: "\uE003",
  escape: "\uE00C",
  left: "\uE012",
  up: "\uE013",
  right: "\uE014",
  down: "\uE015",
  shift: "\uE008",
  control: "\uE009",
};

/** A TCP port that is free now (the system picks it), so parallel runs never share a driver. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Every process below `root` (Linux: from /proc), so that only our own are ever stopped. */
function descendants(root) {
  const children = new Map();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // The command name is in parentheses and may contain spaces; the parent id follows it.
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (!children.has(parent)) children.set(parent, []);
      children.get(parent).push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  const found = [];
  const queue = [root];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts tauri-driver on a free port and returns a function that stops it with SIGTERM, and then
 * any process it started that outlived it (the app does, now and then, when its session ends).
 */
async function startDriver() {
  const port = await freePort();
  const nativePort = await freePort();
  // Output is piped, not inherited: a process left behind must not hold the test runner's
  // output open (the runner would wait for it for ever).
  const driver = spawn(
    "tauri-driver",
    ["--port", String(port), "--native-port", String(nativePort), "--native-driver", "/usr/bin/WebKitWebDriver"],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  driver.stdout.pipe(process.stdout);
  driver.stderr.pipe(process.stderr);
  const base = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      const response = await fetch(`${base}/status`);
      if (response.ok) break;
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }
  // SIGTERM, not SIGKILL: tauri-driver then stops WebKitWebDriver too instead of orphaning it.
  const stop = async () => {
    const started = driver.pid === undefined ? [] : descendants(driver.pid);
    if (driver.exitCode === null) {
      driver.kill("SIGTERM");
      await new Promise((resolve) => driver.once("exit", resolve));
    }
    for (const pid of started.filter(alive)) process.kill(pid, "SIGTERM");
    for (let attempt = 0; attempt < 30 && started.some(alive); attempt++) await sleep(100);
    for (const pid of started.filter(alive)) process.kill(pid, "SIGKILL");
    driver.stdout.destroy();
    driver.stderr.destroy();
  };
  return { base, stop };
}

export class App {
  /**
   * Starts the app. `args` are passed to it; `env` extends its environment. `home` is a directory
   * for the app's settings and data (recent rounds, the sample round), so tests do not share
   * them; pass the same one again to restart the app with the same settings.
   */
  static async start({ args = [], dialogDir, env = {}, home } = {}) {
    const application = process.env.SAMVURD_APP;
    if (!application) throw new Error("SAMVURD_APP must name the desktop binary built with --features e2e");
    const dialogs = dialogDir ?? mkdtempSync(join(tmpdir(), "samvurd-dialog-"));
    const settings = home ?? mkdtempSync(join(tmpdir(), "samvurd-home-"));
    // tauri-driver passes its own environment on to the app.
    process.env.SAMVURD_E2E_DIALOG_DIR = dialogs;
    process.env.XDG_CONFIG_HOME = join(settings, "config");
    process.env.XDG_DATA_HOME = join(settings, "data");
    Object.assign(process.env, env);
    const { base, stop } = await startDriver();
    const response = await fetch(`${base}/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        capabilities: {
          alwaysMatch: { browserName: "wry", "tauri:options": { application, args } },
        },
      }),
    });
    const body = await response.json();
    if (!response.ok || !body.value?.sessionId) {
      await stop();
      throw new Error(`could not start the app: ${JSON.stringify(body)}`);
    }
    const app = new App(base, body.value.sessionId, stop, dialogs, settings);
    return app;
  }

  constructor(base, session, stop, dialogs, home) {
    this.base = base;
    this.session = session;
    this.stopDriver = stop;
    this.dialogs = dialogs;
    this.home = home;
  }

  async command(method, path, body) {
    const response = await fetch(`${this.base}/session/${this.session}${path}`, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await response.json();
    if (!response.ok) {
      throw new Error(`${method} ${path}: ${JSON.stringify(json.value ?? json)}`);
    }
    return json.value;
  }

  /** Puts a file where the next dialog of that purpose will "choose" it. */
  dialogFile(name, content) {
    const path = join(this.dialogs, name);
    if (content !== undefined) writeFileSync(path, content);
    return path;
  }

  async find(testid, { timeout = 10000 } = {}) {
    const deadline = Date.now() + timeout;
    let lastError;
    while (Date.now() < deadline) {
      try {
        const value = await this.command("POST", "/element", {
          using: "css selector",
          value: `[data-testid="${testid}"]`,
        });
        return new Element(this, value[ELEMENT_KEY] ?? Object.values(value)[0]);
      } catch (error) {
        lastError = error;
        await sleep(100);
      }
    }
    throw new Error(`no element with data-testid="${testid}": ${lastError}`);
  }

  async findAll(selector) {
    const values = await this.command("POST", "/elements", { using: "css selector", value: selector });
    return values.map((value) => new Element(this, value[ELEMENT_KEY] ?? Object.values(value)[0]));
  }

  async exists(testid) {
    const values = await this.command("POST", "/elements", {
      using: "css selector",
      value: `[data-testid="${testid}"]`,
    });
    return values.length > 0;
  }

  /** Waits until `check()` returns a truthy value, and returns it. */
  async until(check, what, timeout = 10000) {
    const deadline = Date.now() + timeout;
    for (;;) {
      const value = await check();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await sleep(100);
    }
  }

  async execute(script, args = []) {
    return this.command("POST", "/execute/sync", { script, args });
  }

  /** Runs a script that ends by calling its last argument (the WebDriver callback) with the result. */
  async executeAsync(script, args = []) {
    return this.command("POST", "/execute/async", { script, args });
  }

  /** Types keys into whatever has the focus. */
  async keys(text) {
    const actions = [...text].flatMap((key) => [
      { type: "keyDown", value: key },
      { type: "keyUp", value: key },
    ]);
    await this.command("POST", "/actions", { actions: [{ type: "key", id: "keyboard", actions }] });
    await this.command("DELETE", "/actions");
  }

  /** Clicks the element with this data-testid. */
  async click(testid) {
    const element = await this.find(testid);
    // Sticky bars (the meeting's frame figures) can cover an element WebKitWebDriver has just
    // scrolled to the edge of the window; a person would scroll it to the middle first.
    await this.execute(`document.querySelector('[data-testid="${testid}"]').scrollIntoView({ block: "center" });`);
    // The window keeps answering while a command runs (they run off the main thread), so a
    // button can still be disabled while its screen loads; a person waits for it, and so do we.
    await this.until(
      () => this.execute(`return !document.querySelector('[data-testid="${testid}"]')?.disabled;`),
      `data-testid="${testid}" to be enabled`,
      60_000,
    );
    await element.click();
  }

  /** Replaces the text of the input with this data-testid. */
  async fill(testid, text) {
    const element = await this.find(testid);
    // WebKitWebDriver does not scroll a field into view before clearing it (the spec says it
    // should), so this does, as a person would before typing.
    await this.execute(`document.querySelector('[data-testid="${testid}"]').scrollIntoView({ block: "center" });`);
    await element.clear();
    await element.type(text);
  }

  /** The visible text of the element with this data-testid. */
  async textOf(testid) {
    return (await this.find(testid)).text();
  }

  /** Waits until the element's text matches `pattern` (a RegExp or a substring) and returns it. */
  async waitForText(testid, pattern, timeout = 10000) {
    let last = "";
    try {
      return await this.until(
        async () => {
          if (!(await this.exists(testid))) return null;
          last = await this.textOf(testid);
          const matches = typeof pattern === "string" ? last.includes(pattern) : pattern.test(last);
          return matches ? last : null;
        },
        `data-testid="${testid}" to show ${pattern}`,
        timeout,
      );
    } catch (error) {
      throw new Error(`${error.message}; it showed ${JSON.stringify(last)}`);
    }
  }

  /**
   * Waits until every score typed so far is saved: the save state is no longer busy
   * (`aria-busy`, set at the key press) and says «Lagret». A fast save never shows «Lagrer …».
   */
  async waitForSaved(timeout = 10000) {
    await this.until(
      () =>
        this.execute(
          `const state = document.querySelector('[data-testid="save-state"]');
           return state && state.getAttribute("aria-busy") === "false" && state.textContent.includes("Lagret") ? true : null;`,
        ),
      "the scores to be saved («Lagret», not busy)",
      timeout,
    );
  }

  /** The data-testid of the element that has the focus, or null. */
  async focused() {
    return this.execute("return document.activeElement && document.activeElement.getAttribute('data-testid')");
  }

  /** Sets the value of a <select> by choosing the option with this value. */
  async select(testid, value) {
    const options = await this.findAll(`[data-testid="${testid}"] option[value="${value}"]`);
    if (options.length === 0) throw new Error(`no option ${value} in ${testid}`);
    await options[0].click();
  }

  async title() {
    return this.command("GET", "/title");
  }

  /**
   * A PNG of the window as it is on the (Xvfb) screen, taken by ImageMagick's `import` from the
   * X server: what a person would see. WebDriver's own screenshot is not used: WebKitGTK's
   * automation waits forever for it on some pages when the page is drawn without accelerated
   * compositing, which is how the app draws (see `light_webview` in src-tauri).
   */
  async screenshot(path) {
    const { x, y, width, height } = await this.command("GET", "/window/rect");
    // The page has drawn what the last command changed before the X server is read.
    await this.executeAsync("const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done()));");
    execFileSync("import", ["-silent", "-window", "root", "-crop", `${width}x${height}+${Math.max(x, 0)}+${Math.max(y, 0)}`, "+repage", `png:${path}`]);
  }

  async setWindowSize(width, height) {
    await this.command("POST", "/window/rect", { width, height });
  }

  async quit() {
    try {
      await this.command("DELETE", "");
    } catch {
      // The app may already be gone.
    }
    await this.stopDriver();
  }
}

class Element {
  constructor(app, id) {
    this.app = app;
    this.id = id;
  }
  click() {
    return this.app.command("POST", `/element/${this.id}/click`, {});
  }
  type(text) {
    return this.app.command("POST", `/element/${this.id}/value`, { text });
  }
  clear() {
    return this.app.command("POST", `/element/${this.id}/clear`, {});
  }
  text() {
    return this.app.command("GET", `/element/${this.id}/text`);
  }
  property(name) {
    return this.app.command("GET", `/element/${this.id}/property/${name}`);
  }
  attribute(name) {
    return this.app.command("GET", `/element/${this.id}/attribute/${name}`);
  }
}
