import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { guildTopic, userTopic } from "../../../events/domain-events.js";
import { recordEvents } from "../../../test-support/event-recorder.js";
import { makeGuild, makeUser } from "../../../test-support/factories.js";
import { startTestServer } from "../../../test-support/test-server.js";

describe("invite routes", () => {
  it("creates an unguessable invite, previews it signed out and joins with it", async () => {
    await using t = await startTestServer();
    const owner = await makeUser(t.api);
    const guild = await makeGuild(t.api, owner, "Invite Land");
    const { events: guildEvents, waitFor: guildEventCount } = await recordEvents(t.server.bus, guildTopic(guild.id));

    const created = await t.api.post(
      `/api/v1/channels/${guild.generalId}/invites`,
      { max_uses: 2 },
      { token: owner.token },
    );
    assert.equal(created.status, 201);
    const { code } = created.body;
    assert.match(code, /^[A-Za-z0-9]{10}$/);
    assert.equal(created.body.max_age_seconds, 86400, "a day by default");
    assert.equal(created.body.inviter.id, owner.id);
    assert.equal(created.body.channel.id, guild.generalId);
    const other = await t.api.post(`/api/v1/channels/${guild.generalId}/invites`, {}, { token: owner.token });
    assert.notEqual(other.body.code, code);
    await guildEventCount(2);
    assert.deepEqual(
      guildEvents.map((e) => [e.type, e.channel_id, e.permission]),
      [
        ["INVITE_CREATE", guild.generalId, "MANAGE_CHANNELS"],
        ["INVITE_CREATE", guild.generalId, "MANAGE_CHANNELS"],
      ],
    );

    const preview = await t.api.get(`/api/v1/invites/${code}`);
    assert.equal(preview.status, 200);
    assert.equal(preview.body.guild.name, "Invite Land");
    assert.equal(preview.body.approximate_member_count, 1);
    assert.equal(preview.body.approximate_presence_count, 0);

    const joiner = await makeUser(t.api);
    const userEvents = await recordEvents(t.server.bus, userTopic(joiner.id));
    const joined = await t.api.post(`/api/v1/invites/${code}`, undefined, { token: joiner.token });
    assert.equal(joined.status, 200);
    assert.equal(joined.body.id, guild.id);
    assert.deepEqual(await userEvents.types(1), ["GUILD_CREATE"]);
    await guildEventCount(3);
    assert.equal(guildEvents.at(-1)?.type, "GUILD_MEMBER_ADD");
    assert.equal(guildEvents.at(-1)?.data.user.id, joiner.id);
    const again = await t.api.post(`/api/v1/invites/${code}`, undefined, { token: joiner.token });
    assert.equal(again.status, 200, "joining again changes nothing and uses nothing");
    assert.equal((await t.api.get(`/api/v1/invites/${code}`)).body.approximate_member_count, 2);

    const second = await makeUser(t.api);
    assert.equal((await t.api.post(`/api/v1/invites/${code}`, undefined, { token: second.token })).status, 200);
    const third = await makeUser(t.api);
    const usedUp = await t.api.post(`/api/v1/invites/${code}`, undefined, { token: third.token });
    assert.equal(usedUp.status, 404);
    assert.equal(usedUp.body.error.code, "UNKNOWN_INVITE");
    assert.equal((await t.api.get(`/api/v1/invites/${code}`)).status, 404);
  });

  it("counts members with a live, non-invisible session as online in previews", async () => {
    await using t = await startTestServer();
    const owner = await makeUser(t.api);
    const guild = await makeGuild(t.api, owner);
    const { body } = await t.api.post(`/api/v1/channels/${guild.generalId}/invites`, {}, { token: owner.token });
    const member = await makeUser(t.api);
    await t.api.post(`/api/v1/invites/${body.code}`, undefined, { token: member.token });
    const { presence } = t.server.services;
    await presence.sessionStarted(owner.id, "s1");
    await presence.sessionStarted(member.id, "s2", { status: "invisible" });
    const preview = await t.api.get(`/api/v1/invites/${body.code}`);
    assert.equal(preview.body.approximate_member_count, 2);
    assert.equal(preview.body.approximate_presence_count, 1);
  });

  it("refuses banned users, expired invites, and unknown or malformed codes", async () => {
    await using t = await startTestServer();
    const owner = await makeUser(t.api);
    const guild = await makeGuild(t.api, owner);
    const banned = await makeUser(t.api);
    await t.api.put(`/api/v1/guilds/${guild.id}/bans/${banned.id}`, { reason: "spam" }, { token: owner.token });
    const { body } = await t.api.post(
      `/api/v1/channels/${guild.generalId}/invites`,
      { max_age_seconds: 60 },
      { token: owner.token },
    );
    const refused = await t.api.post(`/api/v1/invites/${body.code}`, undefined, { token: banned.token });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error.code, "BANNED");

    await t.server.database.db
      .updateTable("invites")
      .set({ expires_at: Date.now() - 1 })
      .where("code", "=", body.code)
      .execute();
    const fresh = await makeUser(t.api);
    const expired = await t.api.post(`/api/v1/invites/${body.code}`, undefined, { token: fresh.token });
    assert.equal(expired.status, 404);
    assert.match(expired.body.error.message, /expired/);
    assert.equal((await t.api.get("/api/v1/invites/AAAAAAAAAA")).status, 404);
    assert.equal((await t.api.get("/api/v1/invites/short")).status, 400);
    const bad = await t.api.post(
      `/api/v1/channels/${guild.generalId}/invites`,
      { max_age_seconds: 604801, max_uses: 101 },
      { token: owner.token },
    );
    assert.equal(bad.status, 400);
    assert.deepEqual(Object.keys(bad.body.error.fields).sort(), ["max_age_seconds", "max_uses"]);
  });

  it("needs CREATE_INVITE to create and MANAGE_GUILD to list; revoking needs MANAGE_CHANNELS", async () => {
    await using t = await startTestServer();
    const owner = await makeUser(t.api);
    const guild = await makeGuild(t.api, owner);
    const invite = await t.api.post(`/api/v1/channels/${guild.generalId}/invites`, {}, { token: owner.token });
    const member = await makeUser(t.api);
    await t.api.post(`/api/v1/invites/${invite.body.code}`, undefined, { token: member.token });
    const stranger = await makeUser(t.api);

    const memberInvite = await t.api.post(`/api/v1/channels/${guild.generalId}/invites`, {}, { token: member.token });
    assert.equal(memberInvite.status, 201, "@everyone may invite by default");
    await t.api.patch(`/api/v1/guilds/${guild.id}/roles/${guild.id}`, { permissions: "1024" }, { token: owner.token });
    const denied = await t.api.post(`/api/v1/channels/${guild.generalId}/invites`, {}, { token: member.token });
    assert.equal(denied.status, 403);
    assert.equal(denied.body.error.permission, "CREATE_INVITE");
    const outsider = await t.api.post(`/api/v1/channels/${guild.generalId}/invites`, {}, { token: stranger.token });
    assert.equal(outsider.status, 404);

    const list = await t.api.get(`/api/v1/guilds/${guild.id}/invites`, { token: owner.token });
    assert.equal(list.status, 200);
    assert.deepEqual(list.body.map((i: any) => i.code).sort(), [invite.body.code, memberInvite.body.code].sort());
    assert.equal(list.body.find((i: any) => i.code === invite.body.code).uses, 1);
    assert.equal((await t.api.get(`/api/v1/guilds/${guild.id}/invites`, { token: member.token })).status, 403);

    assert.equal((await t.api.delete(`/api/v1/invites/${invite.body.code}`, { token: stranger.token })).status, 404);
    const memberRevoke = await t.api.delete(`/api/v1/invites/${invite.body.code}`, { token: member.token });
    assert.equal(memberRevoke.status, 403);
    const events = await recordEvents(t.server.bus, guildTopic(guild.id));
    assert.equal((await t.api.delete(`/api/v1/invites/${invite.body.code}`, { token: owner.token })).status, 204);
    assert.deepEqual(await events.types(1), ["INVITE_DELETE"]);
    assert.equal((await t.api.get(`/api/v1/invites/${invite.body.code}`)).status, 404);
  });

  it("lists a channel's working invites for MANAGE_CHANNELS; used-up and expired ones drop out", async () => {
    await using t = await startTestServer();
    const owner = await makeUser(t.api);
    const guild = await makeGuild(t.api, owner);
    const create = (channelId: string, body: Record<string, unknown> = {}) =>
      t.api.post(`/api/v1/channels/${channelId}/invites`, body, { token: owner.token });
    const once = (await create(guild.generalId, { max_uses: 1 })).body.code;
    const lasting = (await create(guild.generalId)).body.code;
    const expiring = (await create(guild.generalId)).body.code;
    const voice = (await create(guild.voiceId)).body.code;
    const channelList = (token: string, channelId = guild.generalId) =>
      t.api.get(`/api/v1/channels/${channelId}/invites`, { token });
    const codes = (res: any) => res.body.map((i: any) => i.code).sort();

    assert.deepEqual(codes(await channelList(owner.token)), [once, lasting, expiring].sort());
    assert.deepEqual(codes(await channelList(owner.token, guild.voiceId)), [voice]);

    const member = await makeUser(t.api);
    assert.equal((await t.api.post(`/api/v1/invites/${once}`, undefined, { token: member.token })).status, 200);
    await t.server.database.db
      .updateTable("invites")
      .set({ expires_at: Date.now() - 1 })
      .where("code", "=", expiring)
      .execute();
    assert.deepEqual(codes(await channelList(owner.token)), [lasting]);
    const guildList = await t.api.get(`/api/v1/guilds/${guild.id}/invites`, { token: owner.token });
    assert.deepEqual(codes(guildList), [lasting, voice].sort());

    const denied = await channelList(member.token);
    assert.equal(denied.status, 403);
    assert.equal(denied.body.error.permission, "MANAGE_CHANNELS");
    const stranger = await makeUser(t.api);
    assert.equal((await channelList(stranger.token)).status, 404);
    assert.equal((await channelList(owner.token, "123456789")).status, 404);
  });
});
