import assert from "node:assert/strict";
import { test } from "node:test";
import { snowflakeAt } from "@nexus/protocol";
import { parseSearch, withoutToken } from "./search-query.js";

const lookups = {
  userId: (name: string) => ({ amy: "11", ben: "12" })[name],
  channelId: (name: string) => ({ general: "21", "game-night": "22" })[name],
};

test("words and filters become API parameters and chips", () => {
  const parsed = parseSearch("pizza from:amy in:#game-night has:link pinned:true mentions:@ben party", lookups);
  assert.deepEqual(parsed.params, [
    ["content", "pizza party"],
    ["author_id", "11"],
    ["channel_id", "22"],
    ["has", "link"],
    ["pinned", "true"],
    ["mentions", "12"],
  ]);
  assert.deepEqual(
    parsed.chips.map((c) => c.label),
    ["From: amy", "In: #game-night", "Has: link", "Pinned", "Mentions: ben"],
  );
  assert.deepEqual(parsed.problems, []);
});

test("dates bound by whole days; unknown names are reported, not sent", () => {
  const parsed = parseSearch("before:2026-01-02 after:2026-01-01 from:nobody has:gif", lookups);
  const day = Date.parse("2026-01-01T00:00:00");
  assert.deepEqual(parsed.params, [
    ["before", snowflakeAt(day + 86_400_000)],
    ["after", snowflakeAt(day + 86_400_000)],
  ]);
  assert.deepEqual(parsed.problems, ["Nothing matches from:nobody.", "Nothing matches has:gif."]);
  assert.equal(withoutToken("cats from:amy dogs", "from:amy"), "cats dogs");
});
