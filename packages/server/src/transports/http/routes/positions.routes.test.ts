import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { makeGuild, makeRole, makeUser } from "../../../test-support/factories.js";
import { startTestServer } from "../../../test-support/test-server.js";

/** Positions per parent ("" for top level) in the order GET lists them, and whether they are 0..n-1. */
function byParent(channels: any[]): Map<string, string[]> {
  const groups = new Map<string, any[]>();
  for (const c of channels) groups.set(c.parent_id ?? "", [...(groups.get(c.parent_id ?? "") ?? []), c]);
  const names = new Map<string, string[]>();
  for (const [parent, list] of groups) {
    const sorted = [...list].sort((a, b) => a.position - b.position);
    assert.deepEqual(
      sorted.map((c) => c.position),
      sorted.map((_, i) => i),
      `positions under ${parent || "the top level"} are dense and unique`,
    );
    names.set(
      parent,
      sorted.map((c) => c.name),
    );
  }
  return names;
}

describe("channel and role positions", () => {
  it("keeps channel positions dense and unique per parent through bulk moves, creates and deletes", async () => {
    await using t = await startTestServer();
    const owner = await makeUser(t.api);
    const guild = await makeGuild(t.api, owner);
    const channelsPath = `/api/v1/guilds/${guild.id}/channels`;
    const make = async (name: string, extra: Record<string, unknown> = {}) =>
      (await t.api.post(channelsPath, { name, parent_id: guild.categoryId, ...extra }, { token: owner.token })).body;
    const a = await make("a");
    const b = await make("b");
    await make("c");
    const list = async () => byParent((await t.api.get(channelsPath, { token: owner.token })).body);
    assert.deepEqual((await list()).get(guild.categoryId), ["general", "General", "a", "b", "c"]);

    const moved = await t.api.patch(
      channelsPath,
      [
        { id: b.id, position: 0 },
        { id: guild.generalId, position: 99 },
        { id: a.id, position: 0, parent_id: null },
      ],
      { token: owner.token },
    );
    assert.equal(moved.status, 200);
    const after = await list();
    assert.deepEqual(after.get(guild.categoryId), ["b", "General", "c", "general"]);
    assert.deepEqual(after.get(""), ["a", "Channels"]);
    const changedIds = moved.body.map((c: any) => c.id);
    assert.ok(changedIds.includes(guild.categoryId), "channels that shifted are returned too");
    assert.ok(!changedIds.includes(guild.voiceId), "channels that kept their position are not");

    const inserted = await make("d", { position: 1 });
    assert.equal(inserted.position, 1);
    assert.deepEqual((await list()).get(guild.categoryId), ["b", "d", "General", "c", "general"]);

    assert.equal((await t.api.delete(`/api/v1/channels/${b.id}`, { token: owner.token })).status, 200);
    assert.deepEqual((await list()).get(guild.categoryId), ["d", "General", "c", "general"]);

    await t.api.patch(`/api/v1/channels/${guild.generalId}`, { position: 0 }, { token: owner.token });
    assert.deepEqual((await list()).get(guild.categoryId), ["general", "d", "General", "c"]);
    assert.equal((await t.api.delete(`/api/v1/channels/${guild.categoryId}`, { token: owner.token })).status, 200);
    const flat = await list();
    assert.deepEqual([...flat.keys()], [""]);
    assert.equal(flat.get("")?.length, 5);
  });

  it("closes the gap when a role is deleted", async () => {
    await using t = await startTestServer();
    const owner = await makeUser(t.api);
    const guild = await makeGuild(t.api, owner);
    const rolesPath = `/api/v1/guilds/${guild.id}/roles`;
    const low = await makeRole(t.api, owner, guild.id, { name: "low" });
    const mid = await makeRole(t.api, owner, guild.id, { name: "mid" });
    await makeRole(t.api, owner, guild.id, { name: "high" });
    await t.api.patch(
      rolesPath,
      [
        { id: low.id, position: 1 },
        { id: mid.id, position: 2 },
      ],
      { token: owner.token },
    );
    const order = async () =>
      (await t.api.get(rolesPath, { token: owner.token })).body.map((r: any) => [r.name, r.position]);
    assert.deepEqual(await order(), [
      ["@everyone", 0],
      ["low", 1],
      ["mid", 2],
      ["high", 3],
    ]);
    assert.equal((await t.api.delete(`${rolesPath}/${mid.id}`, { token: owner.token })).status, 204);
    assert.deepEqual(await order(), [
      ["@everyone", 0],
      ["low", 1],
      ["high", 2],
    ]);
  });
});
