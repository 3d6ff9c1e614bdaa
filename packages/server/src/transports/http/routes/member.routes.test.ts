import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Permissions } from "@nexus/protocol";
import { guildTopic, userTopic } from "../../../events/domain-events.js";
import { recordEvents } from "../../../test-support/event-recorder.js";
import { makeGuild, makeMember, makeRole, makeUser } from "../../../test-support/factories.js";
import { startTestServer } from "../../../test-support/test-server.js";

const bits = (...names: (keyof typeof Permissions)[]) => names.reduce((all, n) => all | Permissions[n], 0n).toString();

describe("member routes", () => {
  it("lists members in user-id order with after and limit", async () => {
    await using t = await startTestServer();
    const owner = await makeUser(t.api);
    const guild = await makeGuild(t.api, owner);
    const a = await makeMember(t, guild.id);
    const b = await makeMember(t, guild.id);
    const all = [owner.id, a.id, b.id].sort((x, y) => (BigInt(x) < BigInt(y) ? -1 : 1));
    const path = `/api/v1/guilds/${guild.id}/members`;
    const first = await t.api.get(`${path}?limit=2`, { token: a.token });
    assert.equal(first.status, 200);
    assert.deepEqual(
      first.body.map((m: any) => m.user.id),
      all.slice(0, 2),
    );
    const rest = await t.api.get(`${path}?limit=2&after=${all[1]}`, { token: a.token });
    assert.deepEqual(
      rest.body.map((m: any) => m.user.id),
      all.slice(2),
    );
    assert.equal((await t.api.get(`${path}?limit=1001`, { token: a.token })).status, 400);
    const one = await t.api.get(`${path}/${b.id}`, { token: a.token });
    assert.equal(one.body.user.username, b.username);
    assert.deepEqual(one.body.roles, []);
    assert.equal((await t.api.get(`${path}/424242`, { token: a.token })).body.error.code, "UNKNOWN_MEMBER");
    const stranger = await makeUser(t.api);
    assert.equal((await t.api.get(path, { token: stranger.token })).status, 404);
  });

  it("edits nicknames: your own with CHANGE_NICKNAME, others' with MANAGE_NICKNAMES and rank", async () => {
    await using t = await startTestServer();
    const owner = await makeUser(t.api);
    const guild = await makeGuild(t.api, owner);
    const member = await makeMember(t, guild.id);
    const path = (id: string) => `/api/v1/guilds/${guild.id}/members/${id}`;
    const own = await t.api.patch(path(member.id), { nickname: "Nick" }, { token: member.token });
    assert.equal(own.status, 200);
    assert.equal(own.body.nickname, "Nick");
    const others = await t.api.patch(path(owner.id), { nickname: "Boss" }, { token: member.token });
    assert.equal(others.status, 403);
    assert.equal(others.body.error.permission, "MANAGE_NICKNAMES");
    const byOwner = await t.api.patch(path(member.id), { nickname: "" }, { token: owner.token });
    assert.equal(byOwner.body.nickname, null, "empty clears it");
    const tooLong = await t.api.patch(path(member.id), { nickname: "x".repeat(33) }, { token: member.token });
    assert.equal(tooLong.status, 400);
  });

  it("times members out for at most 28 days, leaving them only view and read history", async () => {
    await using t = await startTestServer();
    const owner = await makeUser(t.api);
    const guild = await makeGuild(t.api, owner);
    const member = await makeMember(t, guild.id);
    const path = `/api/v1/guilds/${guild.id}/members/${member.id}`;
    const tooLong = await t.api.patch(
      path,
      { timeout_until: new Date(Date.now() + 29 * 86_400_000).toISOString() },
      { token: owner.token },
    );
    assert.equal(tooLong.status, 400);
    assert.ok(tooLong.body.error.fields.timeout_until);
    const denied = await t.api.patch(
      path,
      { timeout_until: new Date(Date.now() + 60_000).toISOString() },
      { token: member.token },
    );
    assert.equal(denied.status, 403);
    assert.equal(denied.body.error.permission, "MODERATE_MEMBERS");

    const until = new Date(Date.now() + 3_600_000).toISOString();
    const res = await t.api.patch(path, { timeout_until: until }, { token: owner.token });
    assert.equal(res.status, 200);
    assert.equal(res.body.timeout_until, until);
    const access = await t.server.services.access.channel(guild.generalId, member.id);
    assert.equal(access.permissions(guild.generalId), Permissions.VIEW_CHANNEL | Permissions.READ_MESSAGE_HISTORY);
    const invite = await t.api.post(`/api/v1/channels/${guild.generalId}/invites`, {}, { token: member.token });
    assert.equal(invite.status, 403);
    const lifted = await t.api.patch(path, { timeout_until: null }, { token: owner.token });
    assert.equal(lifted.body.timeout_until, null);
    assert.equal(
      (await t.api.post(`/api/v1/channels/${guild.generalId}/invites`, {}, { token: member.token })).status,
      201,
    );
  });

  it("sets a member's roles in one PATCH within the hierarchy", async () => {
    await using t = await startTestServer();
    const owner = await makeUser(t.api);
    const guild = await makeGuild(t.api, owner);
    const member = await makeMember(t, guild.id);
    const a = await makeRole(t.api, owner, guild.id, { name: "a" });
    const b = await makeRole(t.api, owner, guild.id, { name: "b" });
    const path = `/api/v1/guilds/${guild.id}/members/${member.id}`;
    const { events, waitFor } = await recordEvents(t.server.bus, guildTopic(guild.id));
    const res = await t.api.patch(path, { roles: [a.id, b.id] }, { token: owner.token });
    assert.equal(res.status, 200);
    assert.deepEqual([...res.body.roles].sort(), [a.id, b.id].sort());
    await waitFor(1);
    assert.equal(events[0]?.type, "GUILD_MEMBER_UPDATE");
    const selfGrant = await t.api.patch(path, { roles: [a.id] }, { token: member.token });
    assert.equal(selfGrant.status, 403);
    assert.equal(selfGrant.body.error.permission, "MANAGE_ROLES");
    const unknown = await t.api.patch(path, { roles: ["424242"] }, { token: owner.token });
    assert.equal(unknown.status, 404);
    const everyone = await t.api.patch(path, { roles: [guild.id] }, { token: owner.token });
    assert.equal(everyone.status, 400);
  });

  it("kicks outranked members, who then lose the guild", async () => {
    await using t = await startTestServer();
    const owner = await makeUser(t.api);
    const guild = await makeGuild(t.api, owner);
    const mod = await makeMember(t, guild.id);
    const target = await makeMember(t, guild.id);
    const path = (id: string) => `/api/v1/guilds/${guild.id}/members/${id}`;
    assert.equal((await t.api.delete(path(target.id), { token: mod.token })).body.error.permission, "KICK_MEMBERS");
    const role = await makeRole(t.api, owner, guild.id, { name: "mod", permissions: bits("KICK_MEMBERS") });
    await t.api.put(`${path(mod.id)}/roles/${role.id}`, undefined, { token: owner.token });
    const userEvents = await recordEvents(t.server.bus, userTopic(target.id));
    const guildEvents = await recordEvents(t.server.bus, guildTopic(guild.id));
    assert.equal((await t.api.delete(path(target.id), { token: mod.token })).status, 204);
    assert.deepEqual(await userEvents.types(1), ["GUILD_DELETE"]);
    assert.deepEqual(await guildEvents.types(1), ["GUILD_MEMBER_REMOVE"]);
    assert.equal((await t.api.get(`/api/v1/guilds/${guild.id}`, { token: target.token })).status, 404);
    assert.equal((await t.api.delete(path(owner.id), { token: mod.token })).status, 403);
    assert.equal((await t.api.delete(path(target.id), { token: mod.token })).status, 404);
  });
});

describe("ban routes", () => {
  it("bans with a reason and message-deletion window, lists, refuses rejoin, and unbans", async () => {
    await using t = await startTestServer();
    const owner = await makeUser(t.api);
    const guild = await makeGuild(t.api, owner);
    const member = await makeMember(t, guild.id);
    const path = `/api/v1/guilds/${guild.id}/bans/${member.id}`;
    const { events, waitFor } = await recordEvents(t.server.bus, guildTopic(guild.id));
    const denied = await t.api.put(path, {}, { token: member.token });
    assert.equal(denied.body.error.permission, "BAN_MEMBERS");

    const res = await t.api.put(path, { reason: "spam", delete_message_seconds: 3600 }, { token: owner.token });
    assert.equal(res.status, 200);
    assert.equal(res.body.reason, "spam");
    assert.equal(res.body.delete_message_seconds, 3600);
    await waitFor(2);
    assert.deepEqual(
      events.map((e) => [e.type, e.permission]),
      [
        ["GUILD_MEMBER_REMOVE", undefined],
        ["GUILD_BAN_ADD", "BAN_MEMBERS"],
      ],
    );
    assert.equal(events[1]?.data.delete_message_seconds, 3600);
    const list = await t.api.get(`/api/v1/guilds/${guild.id}/bans`, { token: owner.token });
    assert.deepEqual(
      list.body.map((b: any) => [b.user.id, b.reason]),
      [[member.id, "spam"]],
    );
    assert.equal((await t.api.get(path, { token: owner.token })).body.user.id, member.id);
    const rejoin = await t.api.post(`/api/v1/directory/${guild.id}/join`, undefined, { token: member.token });
    assert.equal(rejoin.status, 404, "not listed");
    const tooLong = await t.api.put(path, { delete_message_seconds: 604801 }, { token: owner.token });
    assert.equal(tooLong.status, 400);

    assert.equal((await t.api.delete(path, { token: owner.token })).status, 204);
    assert.equal((await t.api.delete(path, { token: owner.token })).body.error.code, "UNKNOWN_BAN");
    await waitFor(3);
    assert.equal(events.at(-1)?.type, "GUILD_BAN_REMOVE");
    assert.deepEqual((await t.api.get(`/api/v1/guilds/${guild.id}/bans`, { token: owner.token })).body, []);
  });

  it("bans non-members pre-emptively, never the owner or yourself", async () => {
    await using t = await startTestServer();
    const owner = await makeUser(t.api);
    const guild = await makeGuild(t.api, owner);
    const stranger = await makeUser(t.api);
    const res = await t.api.put(`/api/v1/guilds/${guild.id}/bans/${stranger.id}`, {}, { token: owner.token });
    assert.equal(res.status, 200);
    assert.equal(
      (await t.api.put(`/api/v1/guilds/${guild.id}/bans/${owner.id}`, {}, { token: owner.token })).status,
      400,
    );
    const mod = await makeMember(t, guild.id);
    const role = await makeRole(t.api, owner, guild.id, { name: "mod", permissions: bits("BAN_MEMBERS") });
    await t.api.put(`/api/v1/guilds/${guild.id}/members/${mod.id}/roles/${role.id}`, undefined, { token: owner.token });
    const banOwner = await t.api.put(`/api/v1/guilds/${guild.id}/bans/${owner.id}`, {}, { token: mod.token });
    assert.equal(banOwner.status, 403);
    assert.equal(banOwner.body.error.code, "ROLE_HIERARCHY");
    assert.equal((await t.api.put(`/api/v1/guilds/${guild.id}/bans/424242`, {}, { token: owner.token })).status, 404);
  });
});
