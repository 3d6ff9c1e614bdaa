import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { makeGuild, makeMember, makeRole, makeUser } from "../../../test-support/factories.js";
import { startTestServer } from "../../../test-support/test-server.js";

describe("communities seen from outside", () => {
  it("answers 404 to a non-member on every guild, channel, role, member, ban, invite and audit endpoint", async () => {
    await using t = await startTestServer();
    const owner = await makeUser(t.api);
    const guild = await makeGuild(t.api, owner);
    const member = await makeMember(t, guild.id);
    const role = await makeRole(t.api, owner, guild.id, { name: "r" });
    await t.api.put(`/api/v1/guilds/${guild.id}/bans/${(await makeUser(t.api)).id}`, {}, { token: owner.token });
    const stranger = await makeUser(t.api);
    const g = `/api/v1/guilds/${guild.id}`;
    const c = `/api/v1/channels/${guild.generalId}`;
    const m = `${g}/members/${member.id}`;
    const calls: [string, string, unknown?][] = [
      ["get", g],
      ["patch", g, { name: "Renamed" }],
      ["delete", g],
      ["delete", `/api/v1/users/@me/guilds/${guild.id}`],
      ["post", `/api/v1/directory/${guild.id}/join`],
      ["get", `${g}/channels`],
      ["post", `${g}/channels`, { name: "x" }],
      ["patch", `${g}/channels`, [{ id: guild.generalId, position: 0 }]],
      ["get", c],
      ["patch", c, { name: "x" }],
      ["delete", c],
      ["put", `${c}/permissions/${role.id}`, { type: "role", allow: "0", deny: "0" }],
      ["delete", `${c}/permissions/${role.id}`],
      ["get", `${c}/invites`],
      ["post", `${c}/invites`, {}],
      ["get", `${g}/roles`],
      ["post", `${g}/roles`, { name: "x" }],
      ["patch", `${g}/roles`, [{ id: role.id, position: 1 }]],
      ["patch", `${g}/roles/${role.id}`, { name: "x" }],
      ["delete", `${g}/roles/${role.id}`],
      ["get", `${g}/members`],
      ["get", m],
      ["patch", m, { nickname: "x" }],
      ["delete", m],
      ["put", `${m}/roles/${role.id}`],
      ["delete", `${m}/roles/${role.id}`],
      ["get", `${g}/bans`],
      ["get", `${g}/bans/${member.id}`],
      ["put", `${g}/bans/${member.id}`, {}],
      ["delete", `${g}/bans/${member.id}`],
      ["get", `${g}/invites`],
      ["get", `${g}/audit-logs`],
    ];
    const wrong: string[] = [];
    for (const [method, path, body] of calls) {
      const options = { token: stranger.token };
      const res =
        method === "get" || method === "delete"
          ? await (t.api as any)[method](path, options)
          : await (t.api as any)[method](path, body, options);
      if (res.status !== 404) wrong.push(`${method.toUpperCase()} ${path}: ${res.status}`);
    }
    assert.deepEqual(wrong, []);
  });
});
