import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Permissions } from "@nexus/protocol";
import { guildTopic } from "../../../events/domain-events.js";
import { recordEvents } from "../../../test-support/event-recorder.js";
import { makeGuild, makeMember, makeRole, makeUser } from "../../../test-support/factories.js";
import { startTestServer } from "../../../test-support/test-server.js";

const bits = (...names: (keyof typeof Permissions)[]) => names.reduce((all, n) => all | Permissions[n], 0n).toString();

describe("channel routes", () => {
  it("creates channels of every type with type-specific fields and publishes CHANNEL_CREATE", async () => {
    await using t = await startTestServer();
    const owner = await makeUser(t.api);
    const guild = await makeGuild(t.api, owner);
    const { events, waitFor } = await recordEvents(t.server.bus, guildTopic(guild.id));
    const base = `/api/v1/guilds/${guild.id}/channels`;

    const text = await t.api.post(
      base,
      { name: "Off Topic", topic: "anything", slowmode_seconds: 5, nsfw: true },
      { token: owner.token },
    );
    assert.equal(text.status, 201);
    assert.equal(text.body.name, "off-topic");
    assert.equal(text.body.type, "text");
    assert.equal(text.body.slowmode_seconds, 5);
    assert.equal(text.body.nsfw, true);
    assert.equal(text.body.bitrate, null);

    const voice = await t.api.post(base, { name: "Lounge", type: "voice", user_limit: 5 }, { token: owner.token });
    assert.equal(voice.status, 201);
    assert.equal(voice.body.bitrate, 64000);
    assert.equal(voice.body.user_limit, 5);
    for (const type of ["announcement", "forum", "category"]) {
      const res = await t.api.post(base, { name: `a ${type}`, type }, { token: owner.token });
      assert.equal(res.status, 201, type);
      assert.equal(res.body.type, type);
    }
    await waitFor(5);
    assert.deepEqual(
      events.map((e) => [e.type, e.channel_id]),
      [
        ["CHANNEL_CREATE", text.body.id],
        ["CHANNEL_CREATE", voice.body.id],
        ...events.slice(2).map((e) => ["CHANNEL_CREATE", e.data.id]),
      ],
    );

    const bad = await t.api.post(
      base,
      { name: "x", type: "text", bitrate: 64000, user_limit: 3 },
      { token: owner.token },
    );
    assert.equal(bad.status, 400);
    assert.deepEqual(Object.keys(bad.body.error.fields).sort(), ["bitrate", "user_limit"]);
    const badParent = await t.api.post(base, { name: "x", parent_id: guild.generalId }, { token: owner.token });
    assert.equal(badParent.status, 400);
    assert.ok(badParent.body.error.fields.parent_id);
    const badType = await t.api.post(base, { name: "x", type: "dm" }, { token: owner.token });
    assert.equal(badType.status, 400);
    const longName = await t.api.post(base, { name: "x".repeat(101) }, { token: owner.token });
    assert.equal(longName.status, 400);
    assert.ok(longName.body.error.fields.name);
  });

  it("needs MANAGE_CHANNELS to create, edit and delete, and 404s for outsiders", async () => {
    await using t = await startTestServer();
    const owner = await makeUser(t.api);
    const guild = await makeGuild(t.api, owner);
    const member = await makeMember(t, guild.id);
    const stranger = await makeUser(t.api);

    const create = await t.api.post(`/api/v1/guilds/${guild.id}/channels`, { name: "mine" }, { token: member.token });
    assert.equal(create.status, 403);
    assert.equal(create.body.error.permission, "MANAGE_CHANNELS");
    const edit = await t.api.patch(`/api/v1/channels/${guild.generalId}`, { topic: "hi" }, { token: member.token });
    assert.equal(edit.status, 403);
    const del = await t.api.delete(`/api/v1/channels/${guild.generalId}`, { token: member.token });
    assert.equal(del.status, 403);
    const outsider = await t.api.get(`/api/v1/channels/${guild.generalId}`, { token: stranger.token });
    assert.equal(outsider.status, 404);
    assert.equal(outsider.body.error.code, "UNKNOWN_CHANNEL");
    const outsiderList = await t.api.get(`/api/v1/guilds/${guild.id}/channels`, { token: stranger.token });
    assert.equal(outsiderList.status, 404);

    const role = await makeRole(t.api, owner, guild.id, { name: "mods", permissions: bits("MANAGE_CHANNELS") });
    await t.server.services.members.addRole({ userId: owner.id }, guild.id, member.id, role.id);
    const allowed = await t.api.patch(
      `/api/v1/channels/${guild.generalId}`,
      { topic: "welcome", slowmode_seconds: 10 },
      { token: member.token },
    );
    assert.equal(allowed.status, 200);
    assert.equal(allowed.body.topic, "welcome");
  });

  it("overwrites hide a channel from @everyone and show it to a role or a member", async () => {
    await using t = await startTestServer();
    const owner = await makeUser(t.api);
    const guild = await makeGuild(t.api, owner);
    const member = await makeMember(t, guild.id);
    const vip = await makeMember(t, guild.id);
    const secret = await t.api.post(`/api/v1/guilds/${guild.id}/channels`, { name: "secret" }, { token: owner.token });
    const path = `/api/v1/channels/${secret.body.id}/permissions`;

    const hide = await t.api.put(
      `${path}/${guild.id}`,
      { type: "role", deny: bits("VIEW_CHANNEL") },
      { token: owner.token },
    );
    assert.equal(hide.status, 200);
    assert.deepEqual(hide.body.permission_overwrites, [
      { id: guild.id, type: "role", allow: "0", deny: bits("VIEW_CHANNEL") },
    ]);
    const hidden = await t.api.get(`/api/v1/channels/${secret.body.id}`, { token: member.token });
    assert.equal(hidden.status, 404, "an invisible channel does not exist for the member");
    const list = await t.api.get(`/api/v1/guilds/${guild.id}/channels`, { token: member.token });
    assert.ok(!list.body.some((c: any) => c.id === secret.body.id));

    const show = await t.api.put(
      `${path}/${vip.id}`,
      { type: "member", allow: bits("VIEW_CHANNEL") },
      { token: owner.token },
    );
    assert.equal(show.status, 200);
    assert.equal((await t.api.get(`/api/v1/channels/${secret.body.id}`, { token: vip.token })).status, 200);
    assert.equal((await t.api.get(`/api/v1/channels/${secret.body.id}`, { token: member.token })).status, 404);

    const cleared = await t.api.delete(`${path}/${guild.id}`, { token: owner.token });
    assert.equal(cleared.status, 204);
    assert.equal((await t.api.get(`/api/v1/channels/${secret.body.id}`, { token: member.token })).status, 200);

    const noTarget = await t.api.put(`${path}/424242`, { type: "role", allow: "0" }, { token: owner.token });
    assert.equal(noTarget.status, 404);
    assert.equal(noTarget.body.error.code, "UNKNOWN_ROLE");
    const both = await t.api.put(
      `${path}/${guild.id}`,
      { type: "role", allow: "1024", deny: "1024" },
      { token: owner.token },
    );
    assert.equal(both.status, 400);
  });

  it("refuses to grant through overwrites what the actor does not hold", async () => {
    await using t = await startTestServer();
    const owner = await makeUser(t.api);
    const guild = await makeGuild(t.api, owner);
    const manager = await makeMember(t, guild.id);
    const role = await makeRole(t.api, owner, guild.id, { name: "perm-manager", permissions: bits("MANAGE_ROLES") });
    await t.server.services.members.addRole({ userId: owner.id }, guild.id, manager.id, role.id);
    const path = `/api/v1/channels/${guild.generalId}/permissions/${manager.id}`;
    const escalate = await t.api.put(path, { type: "member", allow: bits("BAN_MEMBERS") }, { token: manager.token });
    assert.equal(escalate.status, 403);
    assert.equal(escalate.body.error.permission, "BAN_MEMBERS");
    const fine = await t.api.put(path, { type: "member", allow: bits("SEND_MESSAGES") }, { token: manager.token });
    assert.equal(fine.status, 200);
  });

  it("new channels in a category copy its overwrites; lock_permissions re-syncs; deleting a category frees its channels", async () => {
    await using t = await startTestServer();
    const owner = await makeUser(t.api);
    const guild = await makeGuild(t.api, owner);
    const deny = bits("SEND_MESSAGES");
    await t.api.put(
      `/api/v1/channels/${guild.categoryId}/permissions/${guild.id}`,
      { type: "role", deny },
      { token: owner.token },
    );
    const child = await t.api.post(
      `/api/v1/guilds/${guild.id}/channels`,
      { name: "child", parent_id: guild.categoryId },
      { token: owner.token },
    );
    assert.deepEqual(child.body.permission_overwrites, [{ id: guild.id, type: "role", allow: "0", deny }]);

    const general = await t.api.get(`/api/v1/channels/${guild.generalId}`, { token: owner.token });
    assert.deepEqual(general.body.permission_overwrites, []);
    const synced = await t.api.patch(
      `/api/v1/channels/${guild.generalId}`,
      { lock_permissions: true },
      { token: owner.token },
    );
    assert.equal(synced.status, 200);
    assert.deepEqual(synced.body.permission_overwrites, [{ id: guild.id, type: "role", allow: "0", deny }]);

    const removed = await t.api.delete(`/api/v1/channels/${guild.categoryId}`, { token: owner.token });
    assert.equal(removed.status, 200);
    const orphan = await t.api.get(`/api/v1/channels/${guild.generalId}`, { token: owner.token });
    assert.equal(orphan.body.parent_id, null);
    const noParent = await t.api.patch(
      `/api/v1/channels/${guild.generalId}`,
      { lock_permissions: true },
      { token: owner.token },
    );
    assert.equal(noParent.status, 400);
  });

  it("reorders channels in bulk and rejects ids from elsewhere", async () => {
    await using t = await startTestServer();
    const owner = await makeUser(t.api);
    const guild = await makeGuild(t.api, owner);
    const other = await makeGuild(t.api, owner, "Other");
    const res = await t.api.patch(
      `/api/v1/guilds/${guild.id}/channels`,
      [
        { id: guild.voiceId, position: 1 },
        { id: guild.generalId, position: 2, parent_id: null },
      ],
      { token: owner.token },
    );
    assert.equal(res.status, 200);
    const list = await t.api.get(`/api/v1/guilds/${guild.id}/channels`, { token: owner.token });
    assert.deepEqual(
      list.body.map((c: any) => [c.id, c.position, c.parent_id]),
      [
        [guild.categoryId, 0, null],
        [guild.voiceId, 0, guild.categoryId],
        [guild.generalId, 1, null],
      ],
      "positions are dense per parent: the voice channel is alone in the category, #general is after it",
    );
    const foreign = await t.api.patch(`/api/v1/guilds/${guild.id}/channels`, [{ id: other.generalId, position: 0 }], {
      token: owner.token,
    });
    assert.equal(foreign.status, 400);
  });

  it("refuses the 501st channel with a field error", async () => {
    await using t = await startTestServer();
    const owner = await makeUser(t.api);
    const guild = await makeGuild(t.api, owner);
    const now = Date.now();
    await t.server.database.db
      .insertInto("channels")
      .values(
        Array.from({ length: 497 }, (_, i) => ({
          id: String(10_000 + i),
          guild_id: guild.id,
          type: "text",
          name: `c${i}`,
          topic: null,
          position: i + 3,
          parent_id: null,
          nsfw: 0,
          slowmode_seconds: 0,
          bitrate: null,
          user_limit: null,
          created_at: now,
        })),
      )
      .execute();
    const res = await t.api.post(`/api/v1/guilds/${guild.id}/channels`, { name: "too many" }, { token: owner.token });
    assert.equal(res.status, 400);
    assert.ok(res.body.error.fields.channels);
  });
});
