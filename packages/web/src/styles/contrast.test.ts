/**
 * WCAG AA for the theme tokens: every text colour on every surface it is drawn on reaches 4.5:1, in both themes.
 * Reads tokens.css itself, so a colour tweak that breaks contrast fails here.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

const css = readFileSync(new URL("./tokens.css", import.meta.url), "utf8");

function block(selector: string): Map<string, string> {
  const start = css.indexOf(`${selector} {`);
  assert.ok(start >= 0, `${selector} not found in tokens.css`);
  const body = css.slice(start, css.indexOf("}", start));
  return new Map([...body.matchAll(/(--[\w-]+):\s*(#[0-9a-f]{6});/gi)].map((m) => [m[1] as string, m[2] as string]));
}

const dark = block(":root");
const themes = { dark, light: new Map([...dark, ...block(':root[data-theme="light"]')]) };

function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = Number.parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const TEXT = [
  "--text-normal",
  "--text-strong",
  "--text-muted",
  "--text-link",
  "--text-danger",
  "--channel-default",
  "--interactive-normal",
];
const SURFACES = ["--bg-rail", "--bg-sidebar", "--bg-chat", "--bg-panel", "--bg-input", "--bg-floating"];

for (const [name, tokens] of Object.entries(themes)) {
  test(`${name} theme: text on every surface reaches 4.5:1 (WCAG AA)`, () => {
    const failing: string[] = [];
    const check = (fg: string, bg: string) => {
      const [a, b] = [tokens.get(fg), tokens.get(bg)];
      assert.ok(a && b, `${fg} or ${bg} missing`);
      const ratio = contrast(a, b);
      if (ratio < 4.5) failing.push(`${fg} on ${bg}: ${ratio.toFixed(2)}`);
    };
    for (const fg of TEXT) for (const bg of SURFACES) check(fg, bg);
    check("--brand-contrast", "--brand");
    check("--brand-contrast", "--danger");
    assert.deepEqual(failing, []);
  });
}
