import assert from "node:assert/strict";
import { test } from "node:test";
import { estimateTotal, rankByRelevance, tokens } from "./relevance.js";

test("relevance: more of the query in a shorter message ranks first; phrases count whole; ties stay newest first", () => {
  const ranked = rankByRelevance(
    [
      { id: "5", content: "Café café, CAFÉ" },
      { id: "4", content: "a long message that says cafe once among many other words" },
      { id: "3", content: "cafe later" },
      { id: "2", content: "cafe later" },
    ],
    ["cafe"],
  );
  assert.deepEqual(ranked, ["5", "3", "2", "4"]);
  const phrase = rankByRelevance(
    [
      { id: "2", content: "green build, build green" },
      { id: "1", content: "the build is green, build is green" },
    ],
    ["build is green"],
  );
  assert.deepEqual(phrase, ["1", "2"]);
  assert.deepEqual(tokens("Ünïcode_mixed-CASE 42"), ["unicode", "mixed", "case", "42"]);
});

test("totals: exact below the window, extrapolated over the searched history above it", () => {
  const ids = (from: number, step: number, n: number) => Array.from({ length: n }, (_, i) => BigInt(from - i * step));
  assert.equal(estimateTotal(ids(1000, 10, 7), 500, undefined), 7);
  // 500 matches, one every 10 ids from 100,000 down; the history starts at id 0: about 10,000 match in all.
  const estimate = estimateTotal(ids(100_000, 10, 500), 500, 0n);
  assert.ok(Math.abs(estimate - 10_000) <= 25, `estimate ${estimate}`);
  // Never fewer than were actually seen.
  assert.equal(estimateTotal(ids(100_000, 10, 500), 500, 95_010n), 500);
});
