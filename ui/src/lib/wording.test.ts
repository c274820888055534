// Plain words (klarspråk): phrases that people tripped over in the app, and that must not come
// back. Every UI text and every text the Rust side shows in the app or the documents is read.

import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const ROOT = join(__dirname, "..", "..", "..");

/** Each phrase, and why it went. */
const BANNED: [RegExp, string][] = [
  [/Prikken er plassen, stolpen plassene/, "chart jargon: the legend says it in words"],
  [/"Rå"|«Rå»|>Rå</, "«Rå» as a column heading"],
  [/\(spenn \{?\w*\}?, grense/, "«(spenn 3, grense 3)» in a flag reason"],
  [/kan være ikke relevant/, "«kan være ikke relevant» → ««Ikke relevant» tillatt»"],
  [/slått sammen inn i runden/, "«er slått sammen inn i runden» → «er lagt inn»"],
  [/skårer de likevel har gitt/, "«skårer» as both verb and noun"],
  [/bruker alltid det nyeste/, "«det nyeste» → «den nyeste fila»"],
  [/Skårfila er skrevet/, "«Skårfila er skrevet» → «Skårfila er lagret»"],
  [/Mer veiledning vises når kriteriet er valgt/, "unclear: what is «valgt»?"],
  [/du velger bare én gang/, "the choice can be changed («Bytt person»)"],
  [/>Avslutt</, "the tab «Avslutt» reads as «Exit»"],
  [/Velg navnet ditt først/, "an instruction only as a disabled button's label"],
  [/Skriv beløpet i kroner, f\.eks\. «1 200 000» eller «1 200 000,50»/, "the import error said its instruction twice"],
];

function files(directory: string, extensions: string[]): string[] {
  const found: string[] = [];
  for (const name of readdirSync(directory)) {
    if (name === "node_modules" || name === "dist" || name === "target") continue;
    const path = join(directory, name);
    if (statSync(path).isDirectory()) found.push(...files(path, extensions));
    else if (extensions.some((extension) => name.endsWith(extension))) found.push(path);
  }
  return found;
}

describe("the words people see", () => {
  const sources = [
    ...files(join(ROOT, "ui", "src"), [".svelte", ".ts"]).filter((path) => !path.endsWith("wording.test.ts")),
    ...files(join(ROOT, "crates"), [".rs"]),
    ...files(join(ROOT, "src-tauri", "src"), [".rs"]),
  ];

  it("reads every source file with text in it", () => {
    expect(sources.length).toBeGreaterThan(50);
    expect(sources.some((path) => path.endsWith("Scoring.svelte"))).toBe(true);
    expect(sources.some((path) => path.endsWith("disagreement.rs"))).toBe(true);
  });

  it.each(BANNED)("never says %s", (phrase, why) => {
    const hits = sources
      .filter((path) => phrase.test(readFileSync(path, "utf8")))
      .map((path) => relative(ROOT, path));
    expect(hits, why).toEqual([]);
  });
});
