import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Permissions } from "@nexus/protocol";
import { guildTopic } from "../../../events/domain-events.js";
import { recordEvents } from "../../../test-support/event-recorder.js";
import { makeGuild, makeMember, makeRole, makeUser } from "../../../test-support/factories.js";
import { startTestServer } from "../../../test-support/test-server.js";

const bits = (...names: (keyof typeof Permissions)[]) => names.reduce((all, n) => all | Permissions[n], 0n).toString();

async function setup() {
  const t = await startTestServer();
  const owner = await makeUser(t.api);
  const guild = await makeGuild(t.api, owner);
  const rolesPath = `/api/v1/guilds/${guild.id}/roles`;
  const assign = (userId: string, roleId: string, token = owner.token) =>
    t.api.put(`/api/v1/guilds/${guild.id}/members/${userId}/roles/${roleId}`, undefined, { token });
  return { t, owner, guild, rolesPath, assign };
}

describe("role routes", () => {
  it("creates roles just above @everyone, shifting the others up, and publishes the changes", async () => {
    const { t, owner, guild, rolesPath } = await setup();
    await using _ = t;
    const { events, waitFor } = await recordEvents(t.server.bus, guildTopic(guild.id));
    const first = await makeRole(t.api, owner, guild.id, { name: "first", color: 0xff0000, hoist: true });
    assert.equal(first.position, 1);
    assert.equal(first.color, 0xff0000);
    assert.equal(first.permissions, "0");
    const second = await makeRole(t.api, owner, guild.id, { name: "second" });
    assert.equal(second.position, 1);
    const list = await t.api.get(rolesPath, { token: owner.token });
    assert.deepEqual(
      list.body.map((r: any) => [r.name, r.position]),
      [
        ["@everyone", 0],
        ["second", 1],
        ["first", 2],
      ],
    );
    await waitFor(3);
    assert.deepEqual(
      events.map((e) => [e.type, e.data.role.name]),
      [
        ["GUILD_ROLE_CREATE", "first"],
        ["GUILD_ROLE_CREATE", "second"],
        ["GUILD_ROLE_UPDATE", "first"],
      ],
    );
    const bad = await t.api.post(rolesPath, { name: "", color: 0x1000000 }, { token: owner.token });
    assert.equal(bad.status, 400);
    assert.deepEqual(Object.keys(bad.body.error.fields).sort(), ["color", "name"]);
  });

  it("enforces the hierarchy: no editing, assigning or deleting roles at or above your own", async () => {
    const { t, owner, guild, rolesPath, assign } = await setup();
    await using _ = t;
    const mod = await makeMember(t, guild.id);
    const other = await makeMember(t, guild.id);
    const low = await makeRole(t.api, owner, guild.id, { name: "low" });
    const modRole = await makeRole(t.api, owner, guild.id, {
      name: "mod",
      permissions: bits("MANAGE_ROLES", "KICK_MEMBERS"),
    });
    const high = await makeRole(t.api, owner, guild.id, { name: "high" });
    // Order now: high(1) < mod(2) < low(3); put them in a sensible order: low 1, mod 2, high 3.
    const reorder = await t.api.patch(
      rolesPath,
      [
        { id: low.id, position: 1 },
        { id: modRole.id, position: 2 },
        { id: high.id, position: 3 },
      ],
      { token: owner.token },
    );
    assert.equal(reorder.status, 200);
    assert.deepEqual(
      reorder.body.map((r: any) => [r.name, r.position]),
      [
        ["@everyone", 0],
        ["low", 1],
        ["mod", 2],
        ["high", 3],
      ],
    );
    assert.equal((await assign(mod.id, modRole.id)).status, 204);

    assert.equal((await assign(other.id, low.id, mod.token)).status, 204, "below: fine");
    const same = await assign(other.id, modRole.id, mod.token);
    assert.equal(same.status, 403);
    assert.equal(same.body.error.code, "ROLE_HIERARCHY");
    assert.equal((await assign(other.id, high.id, mod.token)).status, 403);
    assert.equal((await t.api.patch(`${rolesPath}/${high.id}`, { name: "mine" }, { token: mod.token })).status, 403);
    assert.equal((await t.api.patch(`${rolesPath}/${modRole.id}`, { color: 1 }, { token: mod.token })).status, 403);
    assert.equal((await t.api.delete(`${rolesPath}/${high.id}`, { token: mod.token })).status, 403);
    assert.equal((await t.api.patch(`${rolesPath}/${low.id}`, { name: "lower" }, { token: mod.token })).status, 200);
    const moveAbove = await t.api.patch(rolesPath, [{ id: low.id, position: 3 }], { token: mod.token });
    assert.equal(moveAbove.status, 403, "cannot lift a role to or above your own");

    const escalate = await t.api.patch(
      `${rolesPath}/${low.id}`,
      { permissions: bits("ADMINISTRATOR") },
      { token: mod.token },
    );
    assert.equal(escalate.status, 403);
    assert.equal(escalate.body.error.permission, "ADMINISTRATOR");
    const grantHeld = await t.api.patch(
      `${rolesPath}/${low.id}`,
      { permissions: bits("KICK_MEMBERS") },
      { token: mod.token },
    );
    assert.equal(grantHeld.status, 200);

    // other now holds "low" (position 1) < mod (2): mod outranks other, but not the reverse.
    const kick = await t.api.delete(`/api/v1/guilds/${guild.id}/members/${mod.id}`, { token: other.token });
    assert.equal(kick.status, 403, "low outranks nobody above it");
    const kickOwner = await t.api.delete(`/api/v1/guilds/${guild.id}/members/${owner.id}`, { token: mod.token });
    assert.equal(kickOwner.status, 403);
    assert.equal(kickOwner.body.error.code, "ROLE_HIERARCHY");
  });

  it("deletes roles (not @everyone), removing them from members and channel overwrites", async () => {
    const { t, owner, guild, rolesPath, assign } = await setup();
    await using _ = t;
    const member = await makeMember(t, guild.id);
    const role = await makeRole(t.api, owner, guild.id, { name: "temp" });
    await assign(member.id, role.id);
    await t.api.put(
      `/api/v1/channels/${guild.generalId}/permissions/${role.id}`,
      { type: "role", allow: bits("SEND_MESSAGES") },
      { token: owner.token },
    );
    const events = await recordEvents(t.server.bus, guildTopic(guild.id));

    const everyone = await t.api.delete(`${rolesPath}/${guild.id}`, { token: owner.token });
    assert.equal(everyone.status, 400);
    const renameEveryone = await t.api.patch(`${rolesPath}/${guild.id}`, { name: "all" }, { token: owner.token });
    assert.equal(renameEveryone.status, 400);
    const gone = await t.api.delete(`${rolesPath}/${role.id}`, { token: owner.token });
    assert.equal(gone.status, 204);
    assert.deepEqual(await events.types(3), ["GUILD_ROLE_DELETE", "CHANNEL_UPDATE", "GUILD_MEMBER_UPDATE"]);
    const m = await t.api.get(`/api/v1/guilds/${guild.id}/members/${member.id}`, { token: owner.token });
    assert.deepEqual(m.body.roles, []);
    const channel = await t.api.get(`/api/v1/channels/${guild.generalId}`, { token: owner.token });
    assert.deepEqual(channel.body.permission_overwrites, []);
    const again = await t.api.delete(`${rolesPath}/${role.id}`, { token: owner.token });
    assert.equal(again.status, 404);
    assert.equal(again.body.error.code, "UNKNOWN_ROLE");
  });

  it("role permissions take effect at once, including @everyone's", async () => {
    const { t, owner, guild, rolesPath, assign } = await setup();
    await using _ = t;
    const member = await makeMember(t, guild.id);
    const createChannel = () =>
      t.api.post(`/api/v1/guilds/${guild.id}/channels`, { name: "x" }, { token: member.token });
    assert.equal((await createChannel()).status, 403);
    const role = await makeRole(t.api, owner, guild.id, { name: "builders", permissions: bits("MANAGE_CHANNELS") });
    await assign(member.id, role.id);
    assert.equal((await createChannel()).status, 201);
    await t.api.delete(`/api/v1/guilds/${guild.id}/members/${member.id}/roles/${role.id}`, { token: owner.token });
    assert.equal((await createChannel()).status, 403);
    await t.api.patch(
      `${rolesPath}/${guild.id}`,
      { permissions: bits("VIEW_CHANNEL", "MANAGE_CHANNELS") },
      { token: owner.token },
    );
    assert.equal((await createChannel()).status, 201);
    await t.api.patch(`${rolesPath}/${guild.id}`, { permissions: "0" }, { token: owner.token });
    const list = await t.api.get(`/api/v1/guilds/${guild.id}/channels`, { token: member.token });
    assert.deepEqual(list.body, [], "without VIEW_CHANNEL nothing is visible");
  });

  it("refuses the 251st role with a field error", async () => {
    const { t, owner, guild, rolesPath } = await setup();
    await using _ = t;
    await t.server.database.db
      .insertInto("roles")
      .values(
        Array.from({ length: 249 }, (_, i) => ({
          id: String(50_000 + i),
          guild_id: guild.id,
          name: `r${i}`,
          color: 0,
          hoist: 0,
          mentionable: 0,
          permissions: "0",
          position: i + 1,
          created_at: Date.now(),
        })),
      )
      .execute();
    const res = await t.api.post(rolesPath, { name: "one more" }, { token: owner.token });
    assert.equal(res.status, 400);
    assert.ok(res.body.error.fields.roles);
  });
});
