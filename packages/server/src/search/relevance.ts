/**
 * Relevance among a window of recent matches, computed here rather than by FTS5's bm25(): bm25() first walks the
 * whole doclist of every phrase in the query (the channel/guild filter tokens included, a million entries in a
 * big guild) to learn document frequencies, ~100 ms before it scores a row. Every candidate already contains every
 * term, so document frequency would only reweight terms; what tells candidates apart is BM25's term-frequency
 * saturation and length normalisation, which need only the candidate's own text.
 */
import type { SearchHits, SearchSpec } from "./message-search.js";

/** BM25's usual constants: term-frequency saturation and how much length counts. */
const K1 = 1.2;
const B = 0.75;

/** Any character outside ASCII, which is the only place accents can be. */
const NON_ASCII = /[^\u0020-\u007e\s]/;

/** Words as the unicode61 tokenizer (remove_diacritics 2) sees them: case- and accent-folded letters and digits. */
export function tokens(text: string): string[] {
  // Most messages are ASCII, which has no accents to strip.
  const folded = !NON_ASCII.test(text) ? text : text.normalize("NFD").replace(/\p{M}/gu, "");
  return folded.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** How often the token sequence `phrase` occurs in `words`. */
function occurrences(words: string[], phrase: string[]): number {
  let count = 0;
  for (let i = 0; i + phrase.length <= words.length; i++) {
    let j = 0;
    while (j < phrase.length && words[i + j] === phrase[j]) j++;
    if (j === phrase.length) count++;
  }
  return count;
}

export interface Candidate {
  id: string;
  content: string;
}

/**
 * Orders `candidates` (given newest first) by BM25 term-frequency score for `terms` (words or phrases),
 * best first; equal scores keep their recency order.
 */
export function rankByRelevance(candidates: Candidate[], terms: string[]): string[] {
  const phrases = terms.map(tokens).filter((p) => p.length > 0);
  const documents = candidates.map((c) => ({ id: c.id, words: tokens(c.content) }));
  const averageLength = documents.reduce((n, d) => n + d.words.length, 0) / Math.max(1, documents.length) || 1;
  const scored = documents.map((d) => {
    const norm = K1 * (1 - B + (B * d.words.length) / averageLength);
    let score = 0;
    for (const phrase of phrases) {
      const tf = occurrences(d.words, phrase);
      score += (tf * (K1 + 1)) / (tf + norm);
    }
    return { id: d.id, score };
  });
  // Array.prototype.sort is stable: ties stay newest first.
  scored.sort((a, b) => b.score - a.score);
  return scored.map((s) => s.id);
}

/**
 * The number of matches when only the newest `window.length` of them were read (ids newest first, as bigints):
 * exact when fewer than `windowSize` matched, otherwise extrapolated from how densely those matches fall between
 * the newest one and `oldest` (the searched history's first message id, or the `after` bound).
 */
export function estimateTotal(window: bigint[], windowSize: number, oldest: bigint | undefined): number {
  const newest = window[0];
  const last = window.at(-1);
  if (window.length < windowSize || newest === undefined || last === undefined || oldest === undefined)
    return window.length;
  if (newest === last || last <= oldest) return window.length;
  const estimate = Number(newest - oldest) * ((window.length - 1) / Number(newest - last));
  return Math.max(window.length, Math.round(estimate));
}

/**
 * The requested page from a driver's candidates (the newest `window` matches, newest first, with their text when
 * there are terms to rank by), and the total; `oldestInScope` is asked only when the window was full.
 */
export async function hitsFromCandidates(
  spec: Pick<SearchSpec, "offset" | "limit" | "after">,
  window: number,
  candidates: { id: string | bigint; content: string | null }[],
  terms: string[],
  oldestInScope: () => Promise<bigint | undefined>,
): Promise<SearchHits> {
  const ordered =
    terms.length > 0
      ? rankByRelevance(
          candidates.map((c) => ({ id: String(c.id), content: c.content ?? "" })),
          terms,
        )
      : candidates.map((c) => String(c.id));
  const full = candidates.length >= window;
  const oldest = !full ? undefined : spec.after ? BigInt(spec.after) : await oldestInScope();
  return {
    ids: ordered.slice(spec.offset, spec.offset + spec.limit),
    total: estimateTotal(
      candidates.map((c) => BigInt(c.id)),
      window,
      oldest,
    ),
  };
}
