import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { guildTopic } from "../../../events/domain-events.js";
import { MemberRepository } from "../../../storage/repositories/member.repository.js";
import { recordEvents } from "../../../test-support/event-recorder.js";
import { makeGuild, makeMember, makeUser } from "../../../test-support/factories.js";
import { startTestServer } from "../../../test-support/test-server.js";

describe("member timeouts", () => {
  it("announces the end of a timeout with GUILD_MEMBER_UPDATE and clears it", async () => {
    await using t = await startTestServer();
    const owner = await makeUser(t.api);
    const guild = await makeGuild(t.api, owner);
    const member = await makeMember(t, guild.id);
    const path = `/api/v1/guilds/${guild.id}/members/${member.id}`;
    const { events, waitFor } = await recordEvents(t.server.bus, guildTopic(guild.id));
    const until = new Date(Date.now() + 1200).toISOString();
    const set = await t.api.patch(path, { timeout_until: until }, { token: owner.token });
    assert.equal(set.status, 200);
    assert.equal(set.body.timeout_until, until);
    const send = await t.api.post(
      `/api/v1/channels/${guild.generalId}/invites`,
      {},
      {
        token: member.token,
      },
    );
    assert.equal(send.status, 403, "a timed-out member keeps only view and history");

    await waitFor(2, 6000);
    assert.deepEqual(
      events.map((e) => [e.type, e.data.user.id, e.data.timeout_until]),
      [
        ["GUILD_MEMBER_UPDATE", member.id, until],
        ["GUILD_MEMBER_UPDATE", member.id, null],
      ],
    );
    assert.equal((await t.api.get(path, { token: owner.token })).body.timeout_until, null);
    const after = await t.api.post(`/api/v1/channels/${guild.generalId}/invites`, {}, { token: member.token });
    assert.equal(after.status, 201);
  });

  it("lets exactly one node expire a timeout, and never one set again meanwhile", async () => {
    await using t = await startTestServer();
    const owner = await makeUser(t.api);
    const guild = await makeGuild(t.api, owner);
    const member = await makeMember(t, guild.id);
    const until = Date.now() + 60_000;
    await t.api.patch(
      `/api/v1/guilds/${guild.id}/members/${member.id}`,
      { timeout_until: new Date(until).toISOString() },
      { token: owner.token },
    );
    const nodeA = new MemberRepository(t.server.database.db);
    const nodeB = new MemberRepository(t.server.database.db);
    assert.equal(await nodeA.clearTimeout(guild.id, member.id, until - 1), false, "a timeout re-set meanwhile stays");
    const results = await Promise.all([
      nodeA.clearTimeout(guild.id, member.id, until),
      nodeB.clearTimeout(guild.id, member.id, until),
    ]);
    assert.deepEqual(results.sort(), [false, true]);
  });
});
