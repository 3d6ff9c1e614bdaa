import assert from "node:assert/strict";
import { test } from "node:test";
import { makeGuild, makeMember, makeUser } from "../../../test-support/factories.js";
import { sendMessage } from "../../../test-support/message-factories.js";
import { startTestServer } from "../../../test-support/test-server.js";

const enc = encodeURIComponent;

test("reactions: counts with `me` per viewer, list who reacted, remove own / others' / all", async () => {
  await using t = await startTestServer();
  const owner = await makeUser(t.api);
  const guild = await makeGuild(t.api, owner);
  const alice = await makeMember(t, guild.id);
  const bob = await makeMember(t, guild.id);
  const m = await sendMessage(t.api, owner, guild.generalId, "react to me");
  const base = `/api/v1/channels/${guild.generalId}/messages/${m.id}/reactions`;
  for (const user of [alice, bob])
    assert.equal((await t.api.put(`${base}/${enc("👍")}/@me`, {}, { token: user.token })).status, 204);
  // Variation selectors do not make a different reaction; reacting twice is a no-op.
  assert.equal((await t.api.put(`${base}/${enc("👍️")}/@me`, {}, { token: alice.token })).status, 204);
  assert.equal((await t.api.put(`${base}/${enc("❤️")}/@me`, {}, { token: alice.token })).status, 204);
  const view = async (user: typeof owner) =>
    (await t.api.get(`/api/v1/channels/${guild.generalId}/messages/${m.id}`, { token: user.token })).body.reactions.map(
      (r: any) => [r.emoji.name.replace(/\uFE0F/g, ""), r.count, r.me],
    );
  assert.deepEqual(await view(alice), [
    ["👍", 2, true],
    ["❤", 1, true],
  ]);
  assert.deepEqual(await view(bob), [
    ["👍", 2, true],
    ["❤", 1, false],
  ]);
  assert.deepEqual(await view(owner), [
    ["👍", 2, false],
    ["❤", 1, false],
  ]);
  const who = await t.api.get(`${base}/${enc("👍")}?limit=1`, { token: owner.token });
  assert.equal(who.status, 200);
  assert.equal(who.body.length, 1);
  const next = await t.api.get(`${base}/${enc("👍")}?after=${who.body[0].id}`, { token: owner.token });
  assert.deepEqual([...who.body, ...next.body].map((u: any) => u.id).sort(), [alice.id, bob.id].sort());
  assert.equal((await t.api.delete(`${base}/${enc("👍")}/@me`, { token: bob.token })).status, 204);
  assert.deepEqual((await view(bob))[0], ["👍", 1, false]);
  const notMod = await t.api.delete(`${base}/${enc("👍")}/${alice.id}`, { token: bob.token });
  assert.equal(notMod.status, 403);
  assert.equal(notMod.body.error.permission, "MANAGE_MESSAGES");
  assert.equal((await t.api.delete(`${base}/${enc("👍")}/${alice.id}`, { token: owner.token })).status, 204);
  assert.deepEqual(await view(alice), [["❤", 1, true]]);
  assert.equal((await t.api.delete(base, { token: alice.token })).status, 403);
  assert.equal((await t.api.delete(base, { token: owner.token })).status, 204);
  assert.deepEqual(await view(alice), []);
});

test("reactions: unknown emoji 400, unknown message 404, ADD_REACTIONS required", async () => {
  await using t = await startTestServer();
  const owner = await makeUser(t.api);
  const guild = await makeGuild(t.api, owner);
  const member = await makeMember(t, guild.id);
  const m = await sendMessage(t.api, owner, guild.generalId, "hi");
  const base = `/api/v1/channels/${guild.generalId}/messages/${m.id}/reactions`;
  const bad = await t.api.put(`${base}/notanemoji/@me`, {}, { token: member.token });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.code, "UNKNOWN_EMOJI");
  const missing = await t.api.put(
    `/api/v1/channels/${guild.generalId}/messages/12345/reactions/${enc("👍")}/@me`,
    {},
    { token: member.token },
  );
  assert.equal(missing.status, 404);
  await t.api.put(
    `/api/v1/channels/${guild.generalId}/permissions/${guild.id}`,
    { type: "role", deny: (1n << 6n).toString() },
    { token: owner.token },
  );
  const denied = await t.api.put(`${base}/${enc("👍")}/@me`, {}, { token: member.token });
  assert.equal(denied.status, 403);
  assert.equal(denied.body.error.permission, "ADD_REACTIONS");
});

test("pins: MANAGE_MESSAGES, listed newest pin first, flag on the message, 250 per channel", async () => {
  await using t = await startTestServer();
  const owner = await makeUser(t.api);
  const guild = await makeGuild(t.api, owner);
  const member = await makeMember(t, guild.id);
  const a = await sendMessage(t.api, member, guild.generalId, "a");
  const b = await sendMessage(t.api, member, guild.generalId, "b");
  const pins = `/api/v1/channels/${guild.generalId}/pins`;
  const denied = await t.api.put(`${pins}/${a.id}`, {}, { token: member.token });
  assert.equal(denied.status, 403);
  assert.equal(denied.body.error.permission, "MANAGE_MESSAGES");
  assert.equal((await t.api.put(`${pins}/${a.id}`, {}, { token: owner.token })).status, 204);
  assert.equal((await t.api.put(`${pins}/${b.id}`, {}, { token: owner.token })).status, 204);
  assert.equal((await t.api.put(`${pins}/${b.id}`, {}, { token: owner.token })).status, 204);
  const listed = await t.api.get(pins, { token: member.token });
  assert.deepEqual(
    listed.body.map((m: any) => m.id),
    [b.id, a.id],
  );
  assert.ok(listed.body.every((m: any) => m.pinned));
  assert.equal((await t.api.delete(`${pins}/${a.id}`, { token: owner.token })).status, 204);
  assert.equal(
    (await t.api.get(`/api/v1/channels/${guild.generalId}/messages/${a.id}`, { token: member.token })).body.pinned,
    false,
  );
  assert.equal((await t.api.put(`${pins}/999`, {}, { token: owner.token })).status, 404);
  // Fill the channel up to the limit, then one more is refused.
  const store = t.server.database.db;
  const now = Date.now();
  const rows = Array.from({ length: 249 }, (_, i) => ({
    id: (BigInt(a.id) - BigInt(i + 1)).toString(),
    channel_id: guild.generalId,
    guild_id: guild.id,
    author_id: member.id,
    content: `filler ${i}`,
    created_at: now,
    pinned_at: now,
  }));
  await store.insertInto("messages").values(rows).execute();
  const c = await sendMessage(t.api, member, guild.generalId, "one too many");
  const full = await t.api.put(`${pins}/${c.id}`, {}, { token: owner.token });
  assert.equal(full.status, 400);
  assert.equal(full.body.error.code, "MAX_PINS_REACHED");
});
