/** Other servers' emoji are offered only where USE_EXTERNAL_EMOJI allows them (the server would strip them). */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { GuildEntry } from "../../state/community.js";
import { DM_EMOJI_SCOPE, usableEmoji } from "./emoji-scope.js";

function entry(id: string, emojiName: string): GuildEntry {
  const emoji = { id: `${id}0`, guild_id: id, name: emojiName, animated: false, creator_id: "9", created_at: "" };
  return { guild: { id, name: `Server ${id}` }, emojis: [emoji] } as unknown as GuildEntry;
}

const guilds = { "1": entry("1", "home"), "2": entry("2", "away") };
const names = (scope: Parameters<typeof usableEmoji>[2]) => usableEmoji(["1", "2"], guilds, scope).map((e) => e.name);

test("a server channel offers its own emoji, and other servers' only with USE_EXTERNAL_EMOJI", () => {
  assert.deepEqual(names({ guildId: "1", external: true }), ["home", "away"]);
  assert.deepEqual(names({ guildId: "1", external: false }), ["home"]);
  assert.deepEqual(names({ guildId: "2", external: false }), ["away"]);
});

test("a DM offers the emoji of every server", () => {
  assert.deepEqual(names(DM_EMOJI_SCOPE), ["home", "away"]);
});
