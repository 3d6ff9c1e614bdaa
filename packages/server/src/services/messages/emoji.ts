/**
 * The Unicode emoji a reaction may use, from the shipped emojibase-data list (every RGI emoji with skin tones).
 * Variation selectors are ignored when matching, so "❤" and "❤️" are the same reaction.
 */
import { createRequire } from "node:module";

interface CompactEmoji {
  unicode: string;
  skins?: CompactEmoji[];
}

const stripSelectors = (text: string) => text.replace(/[\uFE0E\uFE0F]/g, "");

let canonical: Map<string, string> | undefined;

function emojiTable(): Map<string, string> {
  if (!canonical) {
    const list = createRequire(import.meta.url)("emojibase-data/en/compact.json") as CompactEmoji[];
    canonical = new Map();
    for (const emoji of list) {
      for (const variant of [emoji, ...(emoji.skins ?? [])])
        canonical.set(stripSelectors(variant.unicode), variant.unicode);
    }
  }
  return canonical;
}

/** The canonical spelling of a Unicode emoji, or undefined if it is not one. */
export function canonicalEmoji(text: string): string | undefined {
  if (text.length === 0 || text.length > 64) return undefined;
  return emojiTable().get(stripSelectors(text));
}
