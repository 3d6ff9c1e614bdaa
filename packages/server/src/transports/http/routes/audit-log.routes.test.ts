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

  it("records overwrites, invites, member roles, timeouts, moderator nicknames and ownership transfer", async () => {
    await using t = await startTestServer();
    const owner = await makeUser(t.api);
    const guild = await makeGuild(t.api, owner);
    const member = await makeMember(t, guild.id);
    const role = await makeRole(t.api, owner, guild.id, { name: "helper" });
    const as = (why: string) => ({ token: owner.token, headers: { "x-audit-log-reason": encodeURIComponent(why) } });
    const overwrite = `/api/v1/channels/${guild.generalId}/permissions/${role.id}`;
    const memberPath = `/api/v1/guilds/${guild.id}/members/${member.id}`;
    const send = Permissions.SEND_MESSAGES.toString();
    await t.api.put(overwrite, { type: "role", allow: send }, as("open up"));
    await t.api.put(overwrite, { type: "role", deny: send }, as("close again"));
    await t.api.delete(overwrite, as("no overwrite"));
    const invite = await t.api.post(`/api/v1/channels/${guild.generalId}/invites`, { max_uses: 5 }, as("for friends"));
    await t.api.delete(`/api/v1/invites/${invite.body.code}`, as("leaked"));
    await t.api.put(`${memberPath}/roles/${role.id}`, undefined, as("promoted"));
    const until = new Date(Date.now() + 3_600_000).toISOString();
    await t.api.patch(memberPath, { timeout_until: until }, as("cool down"));
    await t.api.patch(memberPath, { nickname: "Renamed" }, as("rude name"));
    await t.api.patch(`/api/v1/guilds/${guild.id}`, { owner_id: member.id }, as("stepping down"));

    const log = await t.api.get(`/api/v1/guilds/${guild.id}/audit-logs?limit=20`, { token: member.token });
    assert.equal(log.status, 200);
    const entries = log.body
      .filter((e: any) => e.reason !== null)
      .reverse()
      .map((e: any) => [e.action, e.user_id, e.target_id, e.reason, e.changes]);
    const code = invite.body.code;
    assert.deepEqual(entries, [
      [
        "channel_overwrite_create",
        owner.id,
        guild.generalId,
        "open up",
        [
          { key: "id", new_value: role.id },
          { key: "type", new_value: "role" },
          { key: "allow", new_value: send },
          { key: "deny", new_value: "0" },
        ],
      ],
      [
        "channel_overwrite_update",
        owner.id,
        guild.generalId,
        "close again",
        [
          { key: "id", old_value: role.id, new_value: role.id },
          { key: "allow", old_value: send, new_value: "0" },
          { key: "deny", old_value: "0", new_value: send },
        ],
      ],
      [
        "channel_overwrite_delete",
        owner.id,
        guild.generalId,
        "no overwrite",
        [
          { key: "id", old_value: role.id },
          { key: "type", old_value: "role" },
          { key: "allow", old_value: "0" },
          { key: "deny", old_value: send },
        ],
      ],
      [
        "invite_create",
        owner.id,
        code,
        "for friends",
        [
          { key: "code", new_value: code },
          { key: "channel_id", new_value: guild.generalId },
          { key: "max_age_seconds", new_value: 86400 },
          { key: "max_uses", new_value: 5 },
        ],
      ],
      [
        "invite_delete",
        owner.id,
        code,
        "leaked",
        [
          { key: "code", old_value: code },
          { key: "channel_id", old_value: guild.generalId },
          { key: "uses", old_value: 0 },
        ],
      ],
      ["member_role_update", owner.id, member.id, "promoted", [{ key: "roles", old_value: [], new_value: [role.id] }]],
      [
        "member_update",
        owner.id,
        member.id,
        "cool down",
        [{ key: "timeout_until", old_value: null, new_value: until }],
      ],
      ["member_update", owner.id, member.id, "rude name", [{ key: "nickname", old_value: null, new_value: "Renamed" }]],
      [
        "guild_update",
        owner.id,
        guild.id,
        "stepping down",
        [{ key: "owner_id", old_value: owner.id, new_value: member.id }],
      ],
    ]);
  });
});
