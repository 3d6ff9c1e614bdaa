import assert from "node:assert/strict";
import { test } from "node:test";
import { guildTopic } from "../../../events/domain-events.js";
import { makeGuild, makeMember, makeRole, makeUser } from "../../../test-support/factories.js";
import { sendMany, sendMessage } from "../../../test-support/message-factories.js";
import { startTestServer } from "../../../test-support/test-server.js";

const P = {
  MANAGE_MESSAGES: 1n << 13n,
  SEND_MESSAGES: 1n << 11n,
  READ_MESSAGE_HISTORY: 1n << 16n,
  MENTION_EVERYONE: 1n << 17n,
};

test("send: 201 with the full message shape, committed and readable", async () => {
  await using t = await startTestServer();
  const owner = await makeUser(t.api);
  const guild = await makeGuild(t.api, owner);
  const res = await t.api.post(
    `/api/v1/channels/${guild.generalId}/messages`,
    { content: "hello" },
    { token: owner.token },
  );
  assert.equal(res.status, 201);
  const m = res.body;
  assert.equal(m.content, "hello");
  assert.equal(m.channel_id, guild.generalId);
  assert.equal(m.guild_id, guild.id);
  assert.equal(m.author.id, owner.id);
  assert.equal(m.edited_at, null);
  assert.deepEqual([m.mentions, m.mention_roles, m.reactions, m.attachments, m.embeds], [[], [], [], [], []]);
  assert.equal(m.mention_everyone, false);
  assert.equal(m.pinned, false);
  assert.equal(m.reply_to, null);
  assert.equal(m.referenced_message, null);
  assert.equal(m.thread, null);
  const got = await t.api.get(`/api/v1/channels/${guild.generalId}/messages/${m.id}`, { token: owner.token });
  assert.equal(got.status, 200);
  assert.equal(got.body.content, "hello");
});

test("send: bad input is 400 with field errors", async () => {
  await using t = await startTestServer();
  const owner = await makeUser(t.api);
  const guild = await makeGuild(t.api, owner);
  const url = `/api/v1/channels/${guild.generalId}/messages`;
  for (const body of [
    { content: "" },
    { content: "   \n\t " },
    { content: "x".repeat(4001) },
    { content: "ok", nonce: "n".repeat(65) },
    { content: "ok", extra: 1 },
    { content: "ok", reply_to: "not-an-id" },
  ]) {
    const res = await t.api.post(url, body, { token: owner.token });
    assert.equal(res.status, 400, JSON.stringify(body).slice(0, 60));
    assert.equal(res.body.error.code, "VALIDATION_FAILED");
  }
  assert.equal((await t.api.post(url, { content: "x".repeat(4000) }, { token: owner.token })).status, 201);
  const reply = await t.api.post(url, { content: "re", reply_to: "123" }, { token: owner.token });
  assert.equal(reply.status, 400);
  assert.ok(reply.body.error.fields.reply_to);
});

test("send: outsiders get 404, members without SEND_MESSAGES get 403 naming it", async () => {
  await using t = await startTestServer();
  const owner = await makeUser(t.api);
  const guild = await makeGuild(t.api, owner);
  const outsider = await makeUser(t.api);
  const member = await makeMember(t, guild.id);
  const url = `/api/v1/channels/${guild.generalId}/messages`;
  assert.equal((await t.api.post(url, { content: "hi" }, { token: outsider.token })).status, 404);
  assert.equal((await t.api.get(url, { token: outsider.token })).status, 404);
  assert.equal((await t.api.post(url, { content: "hi" })).status, 401);
  await t.api.put(
    `/api/v1/channels/${guild.generalId}/permissions/${guild.id}`,
    { type: "role", deny: P.SEND_MESSAGES.toString() },
    { token: owner.token },
  );
  const denied = await t.api.post(url, { content: "hi" }, { token: member.token });
  assert.equal(denied.status, 403);
  assert.equal(denied.body.error.permission, "SEND_MESSAGES");
});

test("nonce: parallel sends with one nonce store one message and dispatch one event", async () => {
  await using t = await startTestServer();
  const owner = await makeUser(t.api);
  const guild = await makeGuild(t.api, owner);
  const creates: string[] = [];
  t.server.bus.subscribe(guildTopic(guild.id), (event) => {
    if (event.type === "MESSAGE_CREATE") creates.push((event.data as { id: string }).id);
  });
  const url = `/api/v1/channels/${guild.generalId}/messages`;
  const results = await Promise.all(
    Array.from({ length: 20 }, () => t.api.post(url, { content: "once", nonce: "abc-123" }, { token: owner.token })),
  );
  assert.equal(results.filter((r) => r.status === 201).length, 1);
  assert.equal(results.filter((r) => r.status === 200).length, 19);
  const ids = new Set(results.map((r) => r.body.id));
  assert.equal(ids.size, 1);
  assert.ok(results.every((r) => r.body.nonce === "abc-123"));
  const history = await t.api.get(url, { token: owner.token });
  assert.equal(history.body.length, 1);
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(creates, [...ids]);
  // The same nonce from someone else, or in another channel, is a different send.
  const other = await makeMember(t, guild.id);
  assert.equal((await t.api.post(url, { content: "x", nonce: "abc-123" }, { token: other.token })).status, 201);
});

test("slowmode: 429 with retry_after, unless MANAGE_MESSAGES", async () => {
  await using t = await startTestServer();
  const owner = await makeUser(t.api);
  const guild = await makeGuild(t.api, owner);
  const member = await makeMember(t, guild.id);
  const patched = await t.api.patch(
    `/api/v1/channels/${guild.generalId}`,
    { slowmode_seconds: 30 },
    { token: owner.token },
  );
  assert.equal(patched.status, 200);
  await sendMessage(t.api, member, guild.generalId, "first");
  const second = await t.api.post(
    `/api/v1/channels/${guild.generalId}/messages`,
    { content: "again" },
    { token: member.token },
  );
  assert.equal(second.status, 429);
  assert.equal(second.body.error.code, "RATE_LIMITED");
  assert.ok(second.body.error.retry_after > 25 && second.body.error.retry_after <= 30);
  assert.ok(Number(second.headers.get("retry-after")) > 0);
  // The owner has every permission, MANAGE_MESSAGES included.
  await sendMessage(t.api, owner, guild.generalId, "a");
  await sendMessage(t.api, owner, guild.generalId, "b");
});

test("slowmode: parallel sends store exactly one message; a nonce retry still gets it back", async () => {
  await using t = await startTestServer();
  const owner = await makeUser(t.api);
  const guild = await makeGuild(t.api, owner);
  const member = await makeMember(t, guild.id);
  const url = `/api/v1/channels/${guild.generalId}/messages`;
  assert.equal(
    (await t.api.patch(`/api/v1/channels/${guild.generalId}`, { slowmode_seconds: 60 }, { token: owner.token })).status,
    200,
  );
  const results = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      t.api.post(url, { content: `race ${i}`, nonce: `n${i}` }, { token: member.token }),
    ),
  );
  const created = results.filter((r) => r.status === 201);
  assert.equal(created.length, 1);
  assert.equal(results.filter((r) => r.status === 429).length, 19);
  const history = await t.api.get(url, { token: owner.token });
  assert.deepEqual(
    history.body.map((m: { id: string }) => m.id),
    created.map((r) => r.body.id),
  );
  // Retrying the send that went through is answered with its message, not held back by slowmode.
  const winner = created[0]?.body;
  const retry = await t.api.post(url, { content: winner.content, nonce: winner.nonce }, { token: member.token });
  assert.equal(retry.status, 200);
  assert.equal(retry.body.id, winner.id);
});

test("edit: author only, sets edited_at and re-parses mentions", async () => {
  await using t = await startTestServer();
  const owner = await makeUser(t.api);
  const guild = await makeGuild(t.api, owner);
  const member = await makeMember(t, guild.id);
  const m = await sendMessage(t.api, member, guild.generalId, "before");
  const url = `/api/v1/channels/${guild.generalId}/messages/${m.id}`;
  const byOwner = await t.api.patch(url, { content: "hijack" }, { token: owner.token });
  assert.equal(byOwner.status, 403);
  const edited = await t.api.patch(url, { content: `after <@${owner.id}>` }, { token: member.token });
  assert.equal(edited.status, 200);
  assert.equal(edited.body.content, `after <@${owner.id}>`);
  assert.ok(edited.body.edited_at);
  assert.deepEqual(
    edited.body.mentions.map((u: { id: string }) => u.id),
    [owner.id],
  );
  assert.equal((await t.api.patch(url, { content: "" }, { token: member.token })).status, 400);
  const missing = await t.api.patch(
    `/api/v1/channels/${guild.generalId}/messages/1`,
    { content: "x" },
    { token: member.token },
  );
  assert.equal(missing.status, 404);
  assert.equal(missing.body.error.code, "UNKNOWN_MESSAGE");
});

test("delete: the author, or MANAGE_MESSAGES; bulk delete needs MANAGE_MESSAGES and 2-100 ids", async () => {
  await using t = await startTestServer();
  const owner = await makeUser(t.api);
  const guild = await makeGuild(t.api, owner);
  const alice = await makeMember(t, guild.id);
  const bob = await makeMember(t, guild.id);
  const a = await sendMessage(t.api, alice, guild.generalId, "alice's");
  const url = (id: string) => `/api/v1/channels/${guild.generalId}/messages/${id}`;
  const byBob = await t.api.delete(url(a.id), { token: bob.token });
  assert.equal(byBob.status, 403);
  assert.equal(byBob.body.error.permission, "MANAGE_MESSAGES");
  assert.equal((await t.api.delete(url(a.id), { token: alice.token })).status, 204);
  assert.equal((await t.api.get(url(a.id), { token: alice.token })).status, 404);
  const b = await sendMessage(t.api, bob, guild.generalId, "bob's");
  assert.equal((await t.api.delete(url(b.id), { token: owner.token })).status, 204);

  const ids = await sendMany(t.api, alice, guild.generalId, 5);
  const bulk = `/api/v1/channels/${guild.generalId}/messages/bulk-delete`;
  assert.equal((await t.api.post(bulk, { messages: ids.slice(0, 2) }, { token: alice.token })).status, 403);
  assert.equal((await t.api.post(bulk, { messages: [ids[0]] }, { token: owner.token })).status, 400);
  assert.equal((await t.api.post(bulk, { messages: [ids[0], "42"] }, { token: owner.token })).status, 400);
  assert.equal((await t.api.post(bulk, { messages: ids.slice(0, 3) }, { token: owner.token })).status, 204);
  const left = await t.api.get(`/api/v1/channels/${guild.generalId}/messages`, { token: owner.token });
  assert.deepEqual(
    left.body.map((m: { id: string }) => m.id),
    ids.slice(3).reverse(),
  );
});

test("history: newest first, before/after/around page with no gaps or overlaps", async () => {
  await using t = await startTestServer();
  const owner = await makeUser(t.api);
  const guild = await makeGuild(t.api, owner);
  const ids = await sendMany(t.api, owner, guild.generalId, 23);
  const url = `/api/v1/channels/${guild.generalId}/messages`;
  const page = async (query: string) => {
    const res = await t.api.get(`${url}?${query}`, { token: owner.token });
    assert.equal(res.status, 200, query);
    return res.body.map((m: { id: string }) => m.id) as string[];
  };
  assert.deepEqual(await page("limit=50"), [...ids].reverse());
  // Backwards from the newest.
  const backwards: string[] = [];
  let cursor = "";
  for (;;) {
    const got = await page(`limit=5${cursor ? `&before=${cursor}` : ""}`);
    backwards.push(...got);
    if (got.length < 5) break;
    cursor = got.at(-1) as string;
  }
  assert.deepEqual(backwards, [...ids].reverse());
  // Forwards from the oldest: each page is newest first, pages move forward.
  const forwards: string[] = [];
  cursor = "0";
  for (;;) {
    const got = await page(`limit=4&after=${cursor}`);
    forwards.push(...[...got].reverse());
    if (got.length < 4) break;
    cursor = got[0] as string;
  }
  assert.deepEqual(forwards, ids);
  assert.deepEqual(await page(`limit=5&around=${ids[10]}`), [ids[12], ids[11], ids[10], ids[9], ids[8]]);
  for (const bad of ["limit=0", "limit=101", `before=${ids[0]}&after=${ids[1]}`, "before=abc"]) {
    assert.equal((await t.api.get(`${url}?${bad}`, { token: owner.token })).status, 400, bad);
  }
});

test("history needs READ_MESSAGE_HISTORY", async () => {
  await using t = await startTestServer();
  const owner = await makeUser(t.api);
  const guild = await makeGuild(t.api, owner);
  const member = await makeMember(t, guild.id);
  const m = await sendMessage(t.api, owner, guild.generalId, "secret past");
  await t.api.put(
    `/api/v1/channels/${guild.generalId}/permissions/${member.id}`,
    { type: "member", deny: P.READ_MESSAGE_HISTORY.toString() },
    { token: owner.token },
  );
  const res = await t.api.get(`/api/v1/channels/${guild.generalId}/messages`, { token: member.token });
  assert.equal(res.status, 403);
  assert.equal(res.body.error.permission, "READ_MESSAGE_HISTORY");
  assert.equal(
    (await t.api.get(`/api/v1/channels/${guild.generalId}/messages/${m.id}`, { token: member.token })).status,
    403,
  );
});

test("mentions: users, roles, channels, @everyone only with MENTION_EVERYONE, allowed_mentions honoured", async () => {
  await using t = await startTestServer();
  const owner = await makeUser(t.api);
  const guild = await makeGuild(t.api, owner);
  const member = await makeMember(t, guild.id);
  const role = await makeRole(t.api, owner, guild.id, { name: "mods", mentionable: true });
  const hidden = await makeRole(t.api, owner, guild.id, { name: "quiet" });
  const content = `hi <@${owner.id}> <@!${member.id}> <@${owner.id}> <@&${role.id}> <@&${hidden.id}> <#${guild.generalId}> @everyone`;
  const byMember = await sendMessage(t.api, member, guild.generalId, content);
  assert.deepEqual(
    byMember.mentions.map((u: { id: string }) => u.id),
    [owner.id, member.id],
  );
  assert.deepEqual(byMember.mention_roles, [role.id]);
  assert.deepEqual(byMember.mention_channels, [guild.generalId]);
  assert.equal(byMember.mention_everyone, false, "members lack MENTION_EVERYONE by default");
  const byOwner = await sendMessage(t.api, owner, guild.generalId, content);
  assert.deepEqual(byOwner.mention_roles, [role.id, hidden.id]);
  assert.equal(byOwner.mention_everyone, true);
  const limited = await sendMessage(t.api, owner, guild.generalId, content, {
    allowed_mentions: { parse: [], users: [member.id] },
  });
  assert.deepEqual(
    limited.mentions.map((u: { id: string }) => u.id),
    [member.id],
  );
  assert.deepEqual(limited.mention_roles, []);
  assert.equal(limited.mention_everyone, false);
  const code = await sendMessage(t.api, owner, guild.generalId, `\`<@${member.id}>\` and \`\`\`@everyone\`\`\``);
  assert.deepEqual([code.mentions, code.mention_everyone], [[], false]);
  const reply = await sendMessage(t.api, owner, guild.generalId, "replying", { reply_to: byMember.id });
  assert.equal(reply.referenced_message.id, byMember.id);
  assert.deepEqual(
    reply.mentions.map((u: { id: string }) => u.id),
    [member.id],
  );
  const quiet = await sendMessage(t.api, owner, guild.generalId, "shh", {
    reply_to: byMember.id,
    allowed_mentions: { replied_user: false },
  });
  assert.deepEqual(quiet.mentions, []);
});
