/** Fuzzy matching for the quick switcher: letters in order, rewarding runs, word starts and an early first hit. */

/** A score for `query` in `text` (higher is better), or null when the letters are not all there in order. */
export function fuzzyScore(query: string, text: string): number | null {
  const q = query.toLowerCase().replace(/\s+/g, "");
  if (!q) return 0;
  const t = text.toLowerCase();
  let score = 0;
  let from = 0;
  let previous = -2;
  for (const char of q) {
    const at = t.indexOf(char, from);
    if (at < 0) return null;
    score += 1;
    if (at === previous + 1) score += 3;
    if (at === 0 || /[\s\-_#@.]/.test(t[at - 1] ?? "")) score += 2;
    previous = at;
    from = at + 1;
  }
  const first = t.indexOf(q[0] ?? "");
  return score - first * 0.1 - t.length * 0.01 + (t.startsWith(q) ? 10 : 0);
}

/** The items matching `query`, best first (ties keep their original order). */
export function fuzzyFilter<T>(items: readonly T[], query: string, textOf: (item: T) => string, limit = 20): T[] {
  return items
    .map((item, index) => ({ item, index, score: fuzzyScore(query, textOf(item)) }))
    .filter((entry): entry is { item: T; index: number; score: number } => entry.score !== null)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, limit)
    .map((entry) => entry.item);
}
