import assert from "node:assert/strict";
import { test } from "node:test";
import { applyAllowedMentions, MAX_MENTIONS_PER_KIND, parseMentions } from "./mentions.js";

test("parses every mention kind once, in order of first appearance", () => {
  const parsed = parseMentions("<@2> hi <@!1> <@2> <@&30> <#400> <@&30> @everyone and @here");
  assert.deepEqual(parsed, { users: ["2", "1"], roles: ["30"], channels: ["400"], everyone: true, here: true });
});

test("ignores lookalikes, code spans and code blocks", () => {
  const parsed = parseMentions("<@abc> <@> < @1> @everyoneelse `<@5>` ```\n@here <@&6>\n``` email@here.com");
  assert.deepEqual(parsed, { users: [], roles: [], channels: [], everyone: false, here: false });
});

test("caps each kind", () => {
  const many = Array.from({ length: MAX_MENTIONS_PER_KIND + 20 }, (_, i) => `<@${i + 1}>`).join(" ");
  assert.equal(parseMentions(many).users.length, MAX_MENTIONS_PER_KIND);
});

test("allowed_mentions: parse lists the kinds taken from content; users/roles whitelist ids", () => {
  const parsed = parseMentions("<@1> <@2> <@&3> <@&4> @everyone");
  assert.deepEqual(applyAllowedMentions(parsed, undefined), parsed);
  assert.deepEqual(applyAllowedMentions(parsed, { parse: [] }), {
    users: [],
    roles: [],
    channels: [],
    everyone: false,
    here: false,
  });
  assert.deepEqual(applyAllowedMentions(parsed, { parse: ["users"], roles: ["4"] }), {
    users: ["1", "2"],
    roles: ["4"],
    channels: [],
    everyone: false,
    here: false,
  });
  assert.deepEqual(applyAllowedMentions(parsed, { users: ["2"] }).users, ["2"]);
  assert.equal(applyAllowedMentions(parsed, { parse: ["everyone"] }).everyone, true);
});
