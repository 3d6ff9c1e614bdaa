import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Permissions } from "@nexus/protocol";
import { AccessRepository } from "../storage/repositories/access.repository.js";
import { makeGuild, makeMember, makeRole, makeUser } from "../test-support/factories.js";
import { startTestServer } from "../test-support/test-server.js";
import { AccessService } from "./access.service.js";

describe("access service", () => {
  it("never serves a stale cached context: another node's change is seen on the next check", async () => {
    await using t = await startTestServer();
    const owner = await makeUser(t.api);
    const guild = await makeGuild(t.api, owner);
    const member = await makeMember(t, guild.id);
    // A second node: its own cache over the same database, told about nothing.
    const otherNode = new AccessService(new AccessRepository(t.server.database.db));
    assert.equal((await otherNode.member(guild.id, member.id)).has("VIEW_CHANNEL", guild.generalId), true);
    const changes: unknown[] = [];
    t.server.services.access.onChange((change) => changes.push(change));

    await t.api.put(
      `/api/v1/channels/${guild.generalId}/permissions/${guild.id}`,
      { type: "role", deny: Permissions.VIEW_CHANNEL.toString() },
      { token: owner.token },
    );
    assert.deepEqual(changes, [{ guild_id: guild.id }]);
    assert.equal((await otherNode.member(guild.id, member.id)).has("VIEW_CHANNEL", guild.generalId), false);
    await assert.rejects(otherNode.channel(guild.generalId, member.id), { code: "UNKNOWN_CHANNEL" });
    assert.deepEqual(await otherNode.channelAudience(guild.id, guild.generalId), [owner.id]);
  });

  it("answers visibility in bulk and per channel audience", async () => {
    await using t = await startTestServer();
    const owner = await makeUser(t.api);
    const guild = await makeGuild(t.api, owner);
    const other = await makeGuild(t.api, owner, "Other");
    const member = await makeMember(t, guild.id);
    const role = await makeRole(t.api, owner, guild.id, { name: "insiders" });
    const secret = await t.api.post(
      `/api/v1/guilds/${guild.id}/channels`,
      {
        name: "secret",
        permission_overwrites: [
          { id: guild.id, type: "role", allow: "0", deny: Permissions.VIEW_CHANNEL.toString() },
          { id: role.id, type: "role", allow: Permissions.VIEW_CHANNEL.toString(), deny: "0" },
        ],
      },
      { token: owner.token },
    );
    const { access } = t.server.services;
    const visible = await access.filterChannels(member.id, [guild.generalId, secret.body.id, other.generalId, "1"]);
    assert.deepEqual([...visible], [guild.generalId]);
    assert.deepEqual(await access.channelAudience(guild.id, secret.body.id), [owner.id]);
    await t.api.put(`/api/v1/guilds/${guild.id}/members/${member.id}/roles/${role.id}`, undefined, {
      token: owner.token,
    });
    assert.deepEqual((await access.channelAudience(guild.id, secret.body.id)).sort(), [owner.id, member.id].sort());
    assert.ok((await access.visibleChannelIds(guild.id, member.id)).includes(secret.body.id));
    assert.deepEqual(await access.visibleChannelIds(other.id, member.id), []);
    const sendable = await access.filterChannels(member.id, [secret.body.id], "SEND_MESSAGES");
    assert.deepEqual([...sendable], [secret.body.id]);
  });
});
