import assert from "node:assert/strict";
import { test } from "node:test";
import { fuzzyFilter, fuzzyScore } from "./fuzzy.js";

test("letters must appear in order; runs and word starts rank higher", () => {
  assert.equal(fuzzyScore("gnr", "general"), fuzzyScore("gnr", "general"));
  assert.equal(fuzzyScore("xyz", "general"), null);
  assert.equal(fuzzyScore("lareneg", "general"), null);
  const names = ["off-topic", "general", "game-night", "announcements"];
  assert.deepEqual(
    fuzzyFilter(names, "gen", (n) => n),
    ["general", "game-night"],
  );
  assert.deepEqual(fuzzyFilter(names, "gn", (n) => n)[0], "game-night", "word starts beat scattered letters");
  assert.deepEqual(
    fuzzyFilter(names, "", (n) => n),
    names,
    "an empty query keeps everything in order",
  );
});
