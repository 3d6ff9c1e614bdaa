/** The message cache's merge rules: ordering by snowflake, pending sends replaced by their echo, reactions counted once. */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Message } from "@nexus/protocol";
import { applyReaction, type ChatMessage, compareIds, mergeMessages } from "./message-store.js";

function message(id: string, extra: Partial<ChatMessage> = {}): ChatMessage {
  return {
    id,
    channel_id: "1",
    guild_id: "2",
    author: {
      id: "3",
      username: "ann",
      display_name: null,
      avatar: null,
      bio: null,
      pronouns: null,
      accent_color: null,
      bot: false,
      created_at: "2026-01-01T00:00:00.000Z",
    },
    content: `message ${id}`,
    created_at: "2026-01-01T00:00:00.000Z",
    edited_at: null,
    reply_to: null,
    referenced_message: null,
    mentions: [],
    mention_roles: [],
    mention_channels: [],
    mention_everyone: false,
    reactions: [],
    pinned: false,
    attachments: [],
    embeds: [],
    thread: null,
    ...extra,
  } as ChatMessage;
}

test("snowflakes compare as numbers, not text", () => {
  assert.ok(compareIds("99", "100") < 0);
  assert.ok(compareIds("250000000000000001", "250000000000000000") > 0);
  assert.equal(compareIds("7", "7"), 0);
});

test("merging orders by id, drops duplicates and keeps pending sends last until their echo arrives", () => {
  const pending = message("local-a", { nonce: "a", local: { status: "sending" } });
  const other = message("local-b", { nonce: "b", local: { status: "failed", error: "offline" } });
  const merged = mergeMessages([message("100"), pending, other], [message("99"), message("100"), message("101")]);
  assert.deepEqual(
    merged.map((m) => m.id),
    ["99", "100", "101", "local-a", "local-b"],
  );
  const echoed = mergeMessages(merged, [message("102", { nonce: "a" }) as Message]);
  assert.deepEqual(
    echoed.map((m) => m.id),
    ["99", "100", "101", "102", "local-b"],
  );
});

test("the viewer's own reaction counts once however often it is reported", () => {
  const added = applyReaction([], "👍", 1, true);
  assert.deepEqual(added, [{ emoji: { id: null, name: "👍", animated: false }, count: 1, me: true }]);
  assert.equal(applyReaction(added, "👍", 1, true), added, "the gateway echo of an optimistic add changes nothing");
  const withOther = applyReaction(added, "👍", 1, false);
  assert.equal(withOther[0]?.count, 2);
  const removed = applyReaction(withOther, "👍", -1, true);
  assert.deepEqual(removed, [{ emoji: { id: null, name: "👍", animated: false }, count: 1, me: false }]);
  assert.deepEqual(applyReaction(removed, "👍", -1, false), []);
});
