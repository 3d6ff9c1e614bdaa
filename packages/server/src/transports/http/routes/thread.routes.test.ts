import assert from "node:assert/strict";
import { test } from "node:test";
import { guildTopic } from "../../../events/domain-events.js";
import { makeGuild, makeMember, makeUser } from "../../../test-support/factories.js";
import { sendMessage } from "../../../test-support/message-factories.js";
import { startTestServer } from "../../../test-support/test-server.js";

const SEND_MESSAGES_IN_THREADS = (1n << 38n).toString();
const VIEW_CHANNEL = (1n << 10n).toString();

test("threads: standalone and from a message; thread messages are ordinary messages", async () => {
  await using t = await startTestServer();
  const owner = await makeUser(t.api);
  const guild = await makeGuild(t.api, owner);
  const member = await makeMember(t, guild.id);
  const events: string[] = [];
  t.server.bus.subscribe(guildTopic(guild.id), (e) => events.push(`${e.type}:${e.channel_id}`));
  const started = await t.api.post(
    `/api/v1/channels/${guild.generalId}/threads`,
    { name: "side quest" },
    { token: member.token },
  );
  assert.equal(started.status, 201);
  const thread = started.body;
  assert.deepEqual(
    [thread.parent_id, thread.owner_id, thread.archived, thread.auto_archive_duration],
    [guild.generalId, member.id, false, 1440],
  );
  const m = await sendMessage(t.api, owner, thread.id, "in the thread");
  assert.equal(m.channel_id, thread.id);
  const history = await t.api.get(`/api/v1/channels/${thread.id}/messages`, { token: member.token });
  assert.deepEqual(
    history.body.map((x: any) => x.id),
    [m.id],
  );
  const got = await t.api.get(`/api/v1/threads/${thread.id}`, { token: member.token });
  assert.deepEqual([got.body.message_count, got.body.last_message_id, got.body.member_count], [1, m.id, 1]);
  // Threads are not listed as guild channels.
  const channels = await t.api.get(`/api/v1/guilds/${guild.id}/channels`, { token: owner.token });
  assert.ok(channels.body.every((c: any) => c.id !== thread.id));

  const root = await sendMessage(t.api, member, guild.generalId, "let's discuss");
  const fromMessage = await t.api.post(
    `/api/v1/channels/${guild.generalId}/messages/${root.id}/threads`,
    { name: "discussion", auto_archive_duration: 60 },
    { token: member.token },
  );
  assert.equal(fromMessage.status, 201);
  assert.equal(fromMessage.body.starter_message_id, root.id);
  const again = await t.api.post(
    `/api/v1/channels/${guild.generalId}/messages/${root.id}/threads`,
    { name: "dup" },
    { token: member.token },
  );
  assert.equal(again.status, 409);
  const rootNow = await t.api.get(`/api/v1/channels/${guild.generalId}/messages/${root.id}`, { token: owner.token });
  assert.equal(rootNow.body.thread.id, fromMessage.body.id);
  assert.equal(
    (
      await t.api.post(
        `/api/v1/channels/${guild.generalId}/threads`,
        { name: "x", auto_archive_duration: 5 },
        { token: member.token },
      )
    ).status,
    400,
  );
  await new Promise((resolve) => setImmediate(resolve));
  assert.ok(events.includes(`THREAD_CREATE:${guild.generalId}`));
  assert.ok(events.includes(`MESSAGE_CREATE:${guild.generalId}`), "thread events are filtered by the parent");
});

test("threads: permissions come from the parent plus SEND_MESSAGES_IN_THREADS", async () => {
  await using t = await startTestServer();
  const owner = await makeUser(t.api);
  const guild = await makeGuild(t.api, owner);
  const member = await makeMember(t, guild.id);
  const thread = (
    await t.api.post(`/api/v1/channels/${guild.generalId}/threads`, { name: "t" }, { token: owner.token })
  ).body;
  const overwrite = (deny: string) =>
    t.api.put(
      `/api/v1/channels/${guild.generalId}/permissions/${member.id}`,
      { type: "member", deny },
      { token: owner.token },
    );
  await overwrite(SEND_MESSAGES_IN_THREADS);
  const denied = await t.api.post(`/api/v1/channels/${thread.id}/messages`, { content: "x" }, { token: member.token });
  assert.equal(denied.status, 403);
  assert.equal(denied.body.error.permission, "SEND_MESSAGES_IN_THREADS");
  // Sending in the parent itself still works.
  await sendMessage(t.api, member, guild.generalId, "parent is fine");
  await overwrite(VIEW_CHANNEL);
  assert.equal((await t.api.get(`/api/v1/threads/${thread.id}`, { token: member.token })).status, 404);
  assert.equal((await t.api.get(`/api/v1/channels/${thread.id}/messages`, { token: member.token })).status, 404);
});

test("threads: members join, leave and are listed", async () => {
  await using t = await startTestServer();
  const owner = await makeUser(t.api);
  const guild = await makeGuild(t.api, owner);
  const member = await makeMember(t, guild.id);
  const other = await makeMember(t, guild.id);
  const thread = (
    await t.api.post(`/api/v1/channels/${guild.generalId}/threads`, { name: "t" }, { token: owner.token })
  ).body;
  const members = async () =>
    (await t.api.get(`/api/v1/threads/${thread.id}/members`, { token: owner.token })).body
      .map((m: any) => m.user_id)
      .sort();
  assert.equal((await t.api.put(`/api/v1/threads/${thread.id}/members/@me`, {}, { token: member.token })).status, 204);
  assert.equal(
    (await t.api.put(`/api/v1/threads/${thread.id}/members/${other.id}`, {}, { token: member.token })).status,
    204,
  );
  assert.deepEqual(await members(), [owner.id, member.id, other.id].sort());
  assert.equal(
    (await t.api.delete(`/api/v1/threads/${thread.id}/members/${other.id}`, { token: member.token })).status,
    403,
  );
  assert.equal((await t.api.delete(`/api/v1/threads/${thread.id}/members/@me`, { token: member.token })).status, 204);
  assert.equal(
    (await t.api.delete(`/api/v1/threads/${thread.id}/members/${other.id}`, { token: owner.token })).status,
    204,
  );
  assert.deepEqual(await members(), [owner.id]);
  assert.equal((await t.api.get(`/api/v1/threads/${thread.id}`, { token: owner.token })).body.member_count, 1);
});

test("threads: auto-archive after inactivity, archived listing, reopen by posting, lock", async () => {
  await using t = await startTestServer();
  const owner = await makeUser(t.api);
  const guild = await makeGuild(t.api, owner);
  const member = await makeMember(t, guild.id);
  const start = (name: string, auto_archive_duration: number) =>
    t.api.post(`/api/v1/channels/${guild.generalId}/threads`, { name, auto_archive_duration }, { token: member.token });
  const hour = (await start("hourly", 60)).body;
  const day = (await start("daily", 1440)).body;
  assert.equal(await t.server.services.threads.archiveIdle(Date.now() + 30 * 60_000), 0);
  assert.equal(await t.server.services.threads.archiveIdle(Date.now() + 61 * 60_000), 1);
  const archived = await t.api.get(`/api/v1/channels/${guild.generalId}/threads/archived`, { token: member.token });
  assert.deepEqual(
    archived.body.threads.map((x: any) => [x.id, x.archived]),
    [[hour.id, true]],
  );
  assert.equal(archived.body.has_more, false);
  const active = await t.api.get(`/api/v1/guilds/${guild.id}/threads/active`, { token: member.token });
  assert.deepEqual(
    active.body.map((x: any) => x.id),
    [day.id],
  );
  await sendMessage(t.api, member, hour.id, "wake up");
  assert.equal((await t.api.get(`/api/v1/threads/${hour.id}`, { token: member.token })).body.archived, false);

  // Only MANAGE_THREADS locks; a locked thread takes no posts from others and they cannot reopen it.
  const notMod = await t.api.patch(`/api/v1/threads/${hour.id}`, { locked: true }, { token: member.token });
  assert.equal(notMod.status, 403);
  const locked = await t.api.patch(
    `/api/v1/threads/${hour.id}`,
    { locked: true, archived: true },
    { token: owner.token },
  );
  assert.deepEqual([locked.status, locked.body.locked, locked.body.archived], [200, true, true]);
  const post = await t.api.post(`/api/v1/channels/${hour.id}/messages`, { content: "hi" }, { token: member.token });
  assert.equal(post.status, 403);
  assert.equal(post.body.error.code, "THREAD_LOCKED");
  const reopen = await t.api.patch(`/api/v1/threads/${hour.id}`, { archived: false }, { token: member.token });
  assert.equal(reopen.status, 403);
  // The owner of a thread renames it.
  const renamed = await t.api.patch(`/api/v1/threads/${day.id}`, { name: "renamed" }, { token: member.token });
  assert.equal(renamed.body.name, "renamed");
});

test("forum channels: a post is a thread with its first message", async () => {
  await using t = await startTestServer();
  const owner = await makeUser(t.api);
  const guild = await makeGuild(t.api, owner);
  const forum = await t.api.post(
    `/api/v1/guilds/${guild.id}/channels`,
    { name: "ideas", type: "forum" },
    { token: owner.token },
  );
  assert.equal(forum.status, 201);
  const missing = await t.api.post(
    `/api/v1/channels/${forum.body.id}/threads`,
    { name: "no body" },
    { token: owner.token },
  );
  assert.equal(missing.status, 400);
  const post = await t.api.post(
    `/api/v1/channels/${forum.body.id}/threads`,
    { name: "Dark mode", message: { content: "Please add dark mode" } },
    { token: owner.token },
  );
  assert.equal(post.status, 201);
  assert.equal(post.body.message_count, 1);
  const first = await t.api.get(`/api/v1/channels/${post.body.id}/messages`, { token: owner.token });
  assert.deepEqual(
    first.body.map((m: any) => m.content),
    ["Please add dark mode"],
  );
  const inVoice = await t.api.post(
    `/api/v1/channels/${guild.voiceId}/threads`,
    { name: "nope" },
    { token: owner.token },
  );
  assert.equal(inVoice.status, 400);
});
