import assert from "node:assert/strict";
import { test } from "node:test";
import { channelTopic, userTopic } from "../../../events/domain-events.js";
import { makeGuild, makeMember, makeUser } from "../../../test-support/factories.js";
import { befriend, openDm, sendMessage } from "../../../test-support/message-factories.js";
import { startTestServer } from "../../../test-support/test-server.js";

test("relationships: request, accept, list, remove; blocks end friendships", async () => {
  await using t = await startTestServer();
  const alice = await makeUser(t.api);
  const bob = await makeUser(t.api);
  const rel = "/api/v1/users/@me/relationships";
  const events: string[] = [];
  t.server.bus.subscribe(userTopic(bob.id), (e) => events.push(e.type));
  assert.equal((await t.api.post(rel, { username: bob.username.toUpperCase() }, { token: alice.token })).status, 204);
  const list = async (u: typeof alice) =>
    (await t.api.get(rel, { token: u.token })).body.map((r: any) => [r.id, r.type]);
  assert.deepEqual(await list(alice), [[bob.id, "outgoing_request"]]);
  assert.deepEqual(await list(bob), [[alice.id, "incoming_request"]]);
  assert.equal((await t.api.put(`${rel}/${alice.id}`, {}, { token: bob.token })).status, 204);
  assert.deepEqual(await list(alice), [[bob.id, "friend"]]);
  assert.deepEqual(await list(bob), [[alice.id, "friend"]]);
  assert.equal((await t.api.put(`${rel}/${alice.id}`, { type: "blocked" }, { token: bob.token })).status, 204);
  assert.deepEqual(await list(alice), []);
  assert.deepEqual(await list(bob), [[alice.id, "blocked"]]);
  const refused = await t.api.put(`${rel}/${bob.id}`, {}, { token: alice.token });
  assert.equal(refused.status, 403);
  assert.equal((await t.api.delete(`${rel}/${alice.id}`, { token: bob.token })).status, 204);
  assert.deepEqual(await list(bob), []);
  assert.equal((await t.api.put(`${rel}/${alice.id}`, {}, { token: alice.token })).status, 400);
  assert.equal((await t.api.put(`${rel}/123`, {}, { token: alice.token })).status, 404);
  await new Promise((resolve) => setImmediate(resolve));
  assert.ok(events.includes("RELATIONSHIP_ADD") && events.includes("RELATIONSHIP_REMOVE"));
});

test("DM privacy: server members by default, friends only, nobody; blocks stop DMs", async () => {
  await using t = await startTestServer();
  const alice = await makeUser(t.api);
  const bob = await makeUser(t.api);
  const dm = (from: typeof alice, to: typeof alice) =>
    t.api.post("/api/v1/users/@me/channels", { recipient_id: to.id }, { token: from.token });
  const refused = await dm(alice, bob);
  assert.equal(refused.status, 403, "strangers sharing no server");
  assert.equal(refused.body.error.code, "CANNOT_MESSAGE_USER");
  const guild = await makeGuild(t.api, alice);
  await t.server.services.membership.join(guild.id, bob.id);
  const opened = await dm(alice, bob);
  assert.equal(opened.status, 201);
  assert.equal(opened.body.type, "dm");
  assert.deepEqual(
    opened.body.recipients.map((u: any) => u.id),
    [bob.id],
  );
  const again = await dm(bob, alice);
  assert.equal(again.status, 200);
  assert.equal(again.body.id, opened.body.id);

  const carol = await makeMember(t, guild.id);
  const privacy = await t.api.patch("/api/v1/users/@me/privacy", { dm_privacy: "friends" }, { token: carol.token });
  assert.deepEqual(privacy.body, { dm_privacy: "friends" });
  assert.equal((await dm(alice, carol)).status, 403);
  await befriend(t.api, alice, carol);
  assert.equal((await dm(alice, carol)).status, 201);
  await t.api.patch("/api/v1/users/@me/privacy", { dm_privacy: "nobody" }, { token: bob.token });
  assert.equal((await dm(carol, bob)).status, 403);

  // A block stops sending in an existing DM, both ways.
  const channel = opened.body.id;
  await sendMessage(t.api, alice, channel, "hi bob");
  await t.api.put(`/api/v1/users/@me/relationships/${alice.id}`, { type: "blocked" }, { token: bob.token });
  for (const sender of [alice, bob]) {
    const res = await t.api.post(`/api/v1/channels/${channel}/messages`, { content: "x" }, { token: sender.token });
    assert.equal(res.status, 403);
    assert.equal(res.body.error.code, "CANNOT_MESSAGE_USER");
  }
});

test("DM messages: only recipients see them; events go to the channel topic", async () => {
  await using t = await startTestServer();
  const alice = await makeUser(t.api);
  const bob = await makeUser(t.api);
  const eve = await makeUser(t.api);
  await befriend(t.api, alice, bob);
  const channel = (await openDm(t.api, alice, bob)).id;
  const seen: string[] = [];
  t.server.bus.subscribe(channelTopic(channel), (e) => seen.push(e.type));
  const m = await sendMessage(t.api, bob, channel, "psst");
  assert.equal(m.guild_id, null);
  const history = await t.api.get(`/api/v1/channels/${channel}/messages`, { token: alice.token });
  assert.deepEqual(
    history.body.map((x: any) => x.content),
    ["psst"],
  );
  assert.equal((await t.api.get(`/api/v1/channels/${channel}/messages`, { token: eve.token })).status, 404);
  assert.equal(
    (await t.api.post(`/api/v1/channels/${channel}/messages`, { content: "hi" }, { token: eve.token })).status,
    404,
  );
  // Any recipient may pin in a DM.
  assert.equal((await t.api.put(`/api/v1/channels/${channel}/pins/${m.id}`, {}, { token: alice.token })).status, 204);
  const list = await t.api.get("/api/v1/users/@me/channels", { token: alice.token });
  assert.deepEqual(
    list.body.map((c: any) => [c.id, c.last_message_id]),
    [[channel, m.id]],
  );
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(seen, ["MESSAGE_CREATE", "CHANNEL_PINS_UPDATE"]);
});

test("group DMs: at most 10, the owner adds and removes, members leave, blocked users cannot be added", async () => {
  // Eleven registrations from one address would trip the per-IP credential limit.
  await using t = await startTestServer({ settings: { "rate_limits.enabled": false } });
  const owner = await makeUser(t.api);
  const friends = [];
  for (let i = 0; i < 10; i++) {
    const friend = await makeUser(t.api);
    await befriend(t.api, owner, friend);
    friends.push(friend);
  }
  const create = (ids: string[]) =>
    t.api.post("/api/v1/users/@me/channels", { recipient_ids: ids, name: "crew" }, { token: owner.token });
  const tooBig = await create(friends.map((f) => f.id));
  assert.equal(tooBig.status, 400);
  const group = await create(friends.slice(0, 8).map((f) => f.id));
  assert.equal(group.status, 201);
  assert.equal(group.body.type, "group_dm");
  assert.equal(group.body.owner_id, owner.id);
  assert.equal(group.body.name, "crew");
  assert.equal(group.body.recipients.length, 8);
  const id = group.body.id;
  const [f0, f1, f8, f9] = [friends[0]!, friends[1]!, friends[8]!, friends[9]!];
  const notOwner = await t.api.put(`/api/v1/channels/${id}/recipients/${f8.id}`, {}, { token: f0.token });
  assert.equal(notOwner.status, 403);
  assert.equal((await t.api.put(`/api/v1/channels/${id}/recipients/${f8.id}`, {}, { token: owner.token })).status, 204);
  const full = await t.api.put(`/api/v1/channels/${id}/recipients/${f9.id}`, {}, { token: owner.token });
  assert.equal(full.status, 400);
  assert.equal(full.body.error.code, "MAX_GROUP_DM_MEMBERS");
  assert.equal((await t.api.delete(`/api/v1/channels/${id}/recipients/${f1.id}`, { token: f0.token })).status, 403);
  assert.equal((await t.api.delete(`/api/v1/channels/${id}/recipients/${f1.id}`, { token: owner.token })).status, 204);
  assert.equal((await t.api.get(`/api/v1/channels/${id}/messages`, { token: f1.token })).status, 404);
  assert.equal((await t.api.delete(`/api/v1/users/@me/channels/${id}`, { token: f0.token })).status, 204);
  // f9 blocks the owner: the owner can no longer add them.
  await t.api.delete(`/api/v1/channels/${id}/recipients/${f8.id}`, { token: owner.token });
  await t.api.put(`/api/v1/users/@me/relationships/${owner.id}`, { type: "blocked" }, { token: f9.token });
  const blocked = await t.api.put(`/api/v1/channels/${id}/recipients/${f9.id}`, {}, { token: owner.token });
  assert.equal(blocked.status, 403);
  // The owner leaves: the group passes on.
  assert.equal((await t.api.delete(`/api/v1/users/@me/channels/${id}`, { token: owner.token })).status, 204);
  const after = await t.api.get("/api/v1/users/@me/channels", { token: friends[2]!.token });
  assert.equal(after.body[0].owner_id, friends[2]!.id);
});
