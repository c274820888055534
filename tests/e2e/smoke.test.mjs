// The app starts under Xvfb, shows the start screen with the shipped templates.
import { test } from "node:test";
import assert from "node:assert/strict";
import { App } from "./webdriver.mjs";

test("the app starts and shows the five criteria templates", async () => {
  const app = await App.start();
  try {
    const list = await app.find("templates");
    const text = await app.until(async () => {
      const value = await list.text();
      return value.includes("Helse Nord") ? value : null;
    }, "the template list");
    assert.match(text, /Standard/);
  } finally {
    await app.quit();
  }
});
