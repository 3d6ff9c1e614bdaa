import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Permissions } from "@nexus/protocol";
import { makeGuild, makeMember, makeRole, makeUser } from "../../../test-support/factories.js";
import { startTestServer } from "../../../test-support/test-server.js";

describe("audit log routes", () => {
  it("records changes with actor, target, before/after and reason, filtered and paged", async () => {
    await using t = await startTestServer();
    const owner = await makeUser(t.api);
    const guild = await makeGuild(t.api, owner);
    const member = await makeMember(t, guild.id);
    const reason = { "x-audit-log-reason": encodeURIComponent("cleaning up") };
    await t.api.patch(
      `/api/v1/channels/${guild.generalId}`,
      { topic: "hello" },
      { token: owner.token, headers: reason },
    );
    const role = await makeRole(t.api, owner, guild.id, {
      name: "auditor",
      permissions: Permissions.VIEW_AUDIT_LOG.toString(),
    });
    await t.api.put(`/api/v1/guilds/${guild.id}/members/${member.id}/roles/${role.id}`, undefined, {
      token: owner.token,
    });
    await t.api.put(`/api/v1/guilds/${guild.id}/bans/424242`, {}, { token: owner.token });
    const path = `/api/v1/guilds/${guild.id}/audit-logs`;

    const all = await t.api.get(path, { token: member.token });
    assert.equal(all.status, 200);
    const actions = all.body.map((e: any) => e.action);
    assert.deepEqual(actions.slice(0, 4), ["member_role_update", "role_create", "channel_update", "invite_create"]);
    const topic = all.body.find((e: any) => e.action === "channel_update");
    assert.equal(topic.user_id, owner.id);
    assert.equal(topic.target_id, guild.generalId);
    assert.equal(topic.reason, "cleaning up");
    assert.deepEqual(topic.changes, [{ key: "topic", old_value: null, new_value: "hello" }]);
    const roles = all.body.find((e: any) => e.action === "member_role_update");
    assert.deepEqual(roles.changes, [{ key: "roles", old_value: [], new_value: [role.id] }]);

    const filtered = await t.api.get(`${path}?action=role_create&user_id=${owner.id}`, { token: member.token });
    assert.deepEqual(
      filtered.body.map((e: any) => e.target_id),
      [role.id],
    );
    const page = await t.api.get(`${path}?limit=1&before=${all.body[0].id}`, { token: member.token });
    assert.deepEqual(
      page.body.map((e: any) => e.id),
      [all.body[1].id],
    );
    assert.equal((await t.api.get(`${path}?action=nope`, { token: member.token })).status, 400);

    await t.api.delete(`/api/v1/guilds/${guild.id}/members/${member.id}/roles/${role.id}`, { token: owner.token });
    const denied = await t.api.get(path, { token: member.token });
    assert.equal(denied.status, 403);
    assert.equal(denied.body.error.permission, "VIEW_AUDIT_LOG");
    const stranger = await makeUser(t.api);
    assert.equal((await t.api.get(path, { token: stranger.token })).status, 404);
  });
});
