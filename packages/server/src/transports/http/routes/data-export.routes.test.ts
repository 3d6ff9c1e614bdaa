import assert from "node:assert/strict";
import { test } from "node:test";
import { makeGuild, makeMember, makeUser } from "../../../test-support/factories.js";
import { befriend, openDm, sendMessage } from "../../../test-support/message-factories.js";
import { startTestServer } from "../../../test-support/test-server.js";

test("export: account, messages, memberships and DMs, downloadable only by its owner", async () => {
  await using t = await startTestServer();
  const owner = await makeUser(t.api);
  const guild = await makeGuild(t.api, owner, "Exported Guild");
  const member = await makeMember(t, guild.id);
  await befriend(t.api, owner, member);
  const dm = await openDm(t.api, owner, member);
  const inGuild = await sendMessage(t.api, owner, guild.generalId, "guild words");
  const inDm = await sendMessage(t.api, owner, dm.id, "private words");
  await sendMessage(t.api, member, dm.id, "not mine");
  const ticket = await t.api.post("/api/v1/users/@me/export", {}, { token: owner.token });
  assert.equal(ticket.status, 201);
  const download = await t.api.get(ticket.body.url, { token: owner.token });
  assert.equal(download.status, 200);
  assert.match(download.headers.get("content-disposition") ?? "", /attachment/);
  const archive = download.body;
  assert.equal(archive.format, "nexus-export-v1");
  assert.equal(archive.account.id, owner.id);
  assert.equal(archive.account.username, owner.username);
  assert.deepEqual(
    archive.messages.map((m: any) => [m.id, m.content]).sort(),
    [
      [inGuild.id, "guild words"],
      [inDm.id, "private words"],
    ].sort(),
  );
  assert.deepEqual(
    archive.guilds.map((g: any) => [g.id, g.name]),
    [[guild.id, "Exported Guild"]],
  );
  assert.deepEqual(
    archive.dm_channels.map((c: any) => c.id),
    [dm.id],
  );
  assert.deepEqual(
    archive.relationships.map((r: any) => [r.id, r.type]),
    [[member.id, "friend"]],
  );
  assert.equal((await t.api.get(ticket.body.url, { token: member.token })).status, 404);
  assert.equal((await t.api.get(ticket.body.url)).status, 401);
});

test("account deletion can delete every message the user wrote", async () => {
  await using t = await startTestServer();
  const owner = await makeUser(t.api);
  const guild = await makeGuild(t.api, owner);
  const leaving = await makeMember(t, guild.id);
  const staying = await makeMember(t, guild.id);
  await sendMessage(t.api, leaving, guild.generalId, "bye 1");
  await sendMessage(t.api, leaving, guild.generalId, "bye 2");
  const kept = await sendMessage(t.api, staying, guild.generalId, "still here");
  const wrong = await t.api.request("DELETE", "/api/v1/users/@me", {
    token: leaving.token,
    body: { password: "wrong-password", delete_messages: true },
  });
  assert.notEqual(wrong.status, 204);
  assert.equal(
    (await t.api.get(`/api/v1/channels/${guild.generalId}/messages`, { token: owner.token })).body.length,
    3,
  );
  const gone = await t.api.request("DELETE", "/api/v1/users/@me", {
    token: leaving.token,
    body: { password: leaving.password, delete_messages: true },
  });
  assert.equal(gone.status, 204);
  const left = await t.api.get(`/api/v1/channels/${guild.generalId}/messages`, { token: owner.token });
  assert.deepEqual(
    left.body.map((m: any) => m.id),
    [kept.id],
  );
  const search = await t.api.get(`/api/v1/guilds/${guild.id}/messages/search?content=bye`, { token: owner.token });
  assert.equal(search.body.total_results, 0);
});
