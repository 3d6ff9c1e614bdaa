import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { Permissions } from "@nexus/protocol";
import { joinGuild, makeGuild, makeMember, makeRole, makeUser, type TestUser } from "../../test-support/factories.js";
import { GatewayClient, type ReceivedFrame } from "../../test-support/gateway-client.js";
import { startTestServer, type TestServer } from "../../test-support/test-server.js";

const VIEW = Permissions.VIEW_CHANNEL.toString();
const isDispatch = (f: ReceivedFrame) => f.op === "dispatch";

async function typeIn(t: TestServer, user: TestUser, channelId: string): Promise<number> {
  return (await t.api.post(`/api/v1/channels/${channelId}/typing`, undefined, { token: user.token })).status;
}

async function hideFromEveryone(t: TestServer, owner: TestUser, guildId: string, channelId: string): Promise<void> {
  const res = await t.api.put(
    `/api/v1/channels/${channelId}/permissions/${guildId}`,
    { type: "role", deny: VIEW },
    { token: owner.token },
  );
  assert.ok(res.status < 300, JSON.stringify(res.body));
}

/** Nothing more arrives within a short while. */
async function assertQuiet(gw: GatewayClient): Promise<void> {
  await sleep(100);
  assert.deepEqual(
    gw.drain().filter((f) => f.op === "dispatch"),
    [],
  );
}

describe("gateway guild delivery", () => {
  it("READY carries each guild with the visible channels, roles, the member and member_count", async () => {
    await using t = await startTestServer();
    const owner = await makeUser(t.api);
    const guild = await makeGuild(t.api, owner);
    const member = await makeMember(t, guild.id);
    const secret = await t.api.post(
      `/api/v1/guilds/${guild.id}/channels`,
      { name: "secret", permission_overwrites: [{ id: guild.id, type: "role", allow: "0", deny: VIEW }] },
      { token: owner.token },
    );
    assert.equal(secret.status, 201);

    const ownerGw = await GatewayClient.connect(t.baseUrl);
    const ownerReady = await ownerGw.identify(owner.token);
    const gw = await GatewayClient.connect(t.baseUrl);
    const ready = await gw.identify(member.token);
    assert.equal(ready.guilds.length, 1);
    const seen = ready.guilds[0] as any;
    assert.equal(seen.id, guild.id);
    assert.equal(seen.member_count, 2);
    assert.equal(seen.member.user.id, member.id);
    assert.ok(seen.roles.some((r: any) => r.id === guild.id));
    const names = seen.channels.map((c: any) => c.name);
    assert.ok(names.includes("general") && !names.includes("secret"));
    assert.ok((ownerReady.guilds[0] as any).channels.some((c: any) => c.name === "secret"));
    assert.deepEqual(
      ready.presences.map((p) => [p.user_id, p.status]),
      [[owner.id, "online"]],
    );
  });

  it("delivers channel events only to those who can view the channel, and typing never to the typist", async () => {
    await using t = await startTestServer();
    const owner = await makeUser(t.api);
    const guild = await makeGuild(t.api, owner);
    const member = await makeMember(t, guild.id);
    const outsider = await makeUser(t.api);
    const gws = await Promise.all([owner, member, outsider].map(() => GatewayClient.connect(t.baseUrl)));
    const [ownerGw, memberGw, outsiderGw] = gws as [GatewayClient, GatewayClient, GatewayClient];
    await ownerGw.identify(owner.token);
    await memberGw.identify(member.token);
    await outsiderGw.identify(outsider.token);
    await ownerGw.next((f) => f.t === "PRESENCE_UPDATE" && f.d.user_id === member.id).catch(() => undefined);

    assert.equal(await typeIn(t, owner, guild.generalId), 204);
    const typing = await memberGw.dispatch("TYPING_START");
    assert.deepEqual(
      { ...typing, timestamp: 0 },
      { channel_id: guild.generalId, guild_id: guild.id, user_id: owner.id, timestamp: 0 },
    );
    await assertQuiet(ownerGw);
    await assertQuiet(outsiderGw);
    assert.equal(await typeIn(t, outsider, guild.generalId), 404);
  });

  it("revokes and restores visibility mid-session with CHANNEL_DELETE / CHANNEL_CREATE", async () => {
    await using t = await startTestServer();
    const owner = await makeUser(t.api);
    const guild = await makeGuild(t.api, owner);
    const member = await makeMember(t, guild.id);
    const gw = await GatewayClient.connect(t.baseUrl);
    await gw.identify(member.token);

    await hideFromEveryone(t, owner, guild.id, guild.generalId);
    const gone = await gw.dispatch("CHANNEL_DELETE");
    assert.equal(gone.id, guild.generalId);
    assert.equal(await typeIn(t, owner, guild.generalId), 204);
    await assertQuiet(gw);

    // A role that may view it, given to the member: the channel comes back.
    const role = await makeRole(t.api, owner, guild.id, { name: "insiders" });
    await gw.dispatch("GUILD_ROLE_CREATE");
    const overwrite = await t.api.put(
      `/api/v1/channels/${guild.generalId}/permissions/${role.id}`,
      { type: "role", allow: VIEW },
      { token: owner.token },
    );
    assert.ok(overwrite.status < 300);
    const grant = await t.api.put(`/api/v1/guilds/${guild.id}/members/${member.id}/roles/${role.id}`, undefined, {
      token: owner.token,
    });
    assert.ok(grant.status < 300, JSON.stringify(grant.body));
    // The role grant and the channel's return may arrive in either order: with the Redis bus the overwrite's
    // CHANNEL_UPDATE can be processed after the grant committed, and it already finds the member able to see.
    const arrived = [await gw.next(isDispatch), await gw.next(isDispatch)];
    assert.deepEqual(arrived.map((f) => f.t).sort(), ["CHANNEL_CREATE", "GUILD_MEMBER_UPDATE"]);
    assert.equal(arrived.find((f) => f.t === "GUILD_MEMBER_UPDATE")?.d.user.id, member.id);
    assert.equal(arrived.find((f) => f.t === "CHANNEL_CREATE")?.d.id, guild.generalId);
    assert.equal(await typeIn(t, owner, guild.generalId), 204);
    assert.equal((await gw.dispatch("TYPING_START")).channel_id, guild.generalId);
    assert.deepEqual(gw.problems, []);
  });

  it("ends delivery at once on kick and ban, and sends GUILD_CREATE on join", async () => {
    await using t = await startTestServer();
    const owner = await makeUser(t.api);
    const guild = await makeGuild(t.api, owner);
    const kicked = await makeMember(t, guild.id);
    const banned = await makeMember(t, guild.id);
    const kickedGw = await GatewayClient.connect(t.baseUrl);
    await kickedGw.identify(kicked.token);
    const bannedGw = await GatewayClient.connect(t.baseUrl);
    await bannedGw.identify(banned.token);

    const kick = await t.api.delete(`/api/v1/guilds/${guild.id}/members/${kicked.id}`, { token: owner.token });
    assert.equal(kick.status, 204);
    assert.equal((await kickedGw.next((f) => f.t === "GUILD_DELETE")).d.id, guild.id);
    const ban = await t.api.put(`/api/v1/guilds/${guild.id}/bans/${banned.id}`, {}, { token: owner.token });
    assert.ok(ban.status < 300, JSON.stringify(ban.body));
    assert.equal((await bannedGw.next((f) => f.t === "GUILD_DELETE")).d.id, guild.id);
    kickedGw.drain();
    bannedGw.drain();
    assert.equal(await typeIn(t, owner, guild.generalId), 204);
    await assertQuiet(kickedGw);
    await assertQuiet(bannedGw);

    await joinGuild(t, guild.id, kicked);
    const joined = await kickedGw.next((f) => f.t === "GUILD_CREATE");
    assert.equal(joined.d.id, guild.id);
    assert.ok(joined.d.channels.some((c: any) => c.id === guild.generalId));
    assert.equal(await typeIn(t, owner, guild.generalId), 204);
    assert.equal((await kickedGw.next((f) => f.t === "TYPING_START")).d.user_id, owner.id);
  });

  it("filters by intents: a GUILDS-only client gets channel changes but no typing", async () => {
    await using t = await startTestServer();
    const owner = await makeUser(t.api);
    const guild = await makeGuild(t.api, owner);
    const member = await makeMember(t, guild.id);
    const bot = await GatewayClient.connect(t.baseUrl);
    await bot.identify(member.token, { intents: ["GUILDS"] });
    assert.equal(await typeIn(t, owner, guild.generalId), 204);
    const renamed = await t.api.patch(`/api/v1/channels/${guild.generalId}`, { name: "lobby" }, { token: owner.token });
    assert.equal(renamed.status, 200);
    const next = await bot.next((f) => f.op === "dispatch");
    assert.equal(next.t, "CHANNEL_UPDATE", "TYPING_START was filtered out");
    assert.equal(next.s, 2, "filtered events take no sequence number");
  });
});
