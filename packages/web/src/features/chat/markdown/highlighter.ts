/** Syntax highlighting, loaded only when a message with a fenced code block is shown: highlight.js core and a few languages. */
import hljs from "highlight.js/lib/core";
import bash from "highlight.js/lib/languages/bash";
import css from "highlight.js/lib/languages/css";
import go from "highlight.js/lib/languages/go";
import javascript from "highlight.js/lib/languages/javascript";
import json from "highlight.js/lib/languages/json";
import python from "highlight.js/lib/languages/python";
import rust from "highlight.js/lib/languages/rust";
import sql from "highlight.js/lib/languages/sql";
import typescript from "highlight.js/lib/languages/typescript";
import xml from "highlight.js/lib/languages/xml";

const LANGUAGES = { bash, css, go, javascript, json, python, rust, sql, typescript, xml };
for (const [name, language] of Object.entries(LANGUAGES)) hljs.registerLanguage(name, language);

/** A run of code text and the highlight.js classes it carries (outermost first). */
export interface Token {
  text: string;
  classes: string[];
}

/**
 * Highlights code into tokens. highlight.js escapes the code into its markup; reading that markup back with
 * DOMParser (inert: nothing runs, nothing loads) and keeping only text and span classes means no markup from
 * the message can ever reach the page.
 */
export function highlight(code: string, lang: string): Token[] | null {
  if (!lang || !hljs.getLanguage(lang)) return null;
  const html = hljs.highlight(code, { language: lang, ignoreIllegals: true }).value;
  const body = new DOMParser().parseFromString(`<pre>${html}</pre>`, "text/html").body.firstChild;
  const tokens: Token[] = [];
  const walk = (node: Node, classes: string[]) => {
    if (node.nodeType === Node.TEXT_NODE) tokens.push({ text: node.textContent ?? "", classes });
    else if (node instanceof Element) {
      const own = [...node.classList].filter((c) => c.startsWith("hljs-"));
      for (const child of node.childNodes) walk(child, [...classes, ...own]);
    }
  };
  if (body) for (const child of body.childNodes) walk(child, []);
  return tokens;
}
