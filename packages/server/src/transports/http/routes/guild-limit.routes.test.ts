import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MAX_GUILDS_PER_USER } from "@nexus/protocol";
import { makeGuild, makeUser, type TestUser } from "../../../test-support/factories.js";
import { startTestServer, type TestServer } from "../../../test-support/test-server.js";

/** Puts `user` into `count` filler guilds; filling them through the API would take minutes, and rows are what count. */
async function fillGuilds(t: TestServer, owner: TestUser, user: TestUser, count: number): Promise<void> {
  const { db } = t.server.database;
  const ids = Array.from({ length: count }, (_, i) => (900_000_000_000_000_000n + BigInt(i)).toString());
  await db
    .insertInto("guilds")
    .values(
      ids.map((id) => ({
        id,
        name: "Filler",
        name_key: "filler",
        icon: null,
        description: null,
        owner_id: owner.id,
        discoverable: 0,
        created_at: 1,
      })),
    )
    .execute();
  await db
    .insertInto("members")
    .values(ids.map((id) => ({ guild_id: id, user_id: user.id, nickname: null, joined_at: 1, timeout_until: null })))
    .execute();
}

describe("the per-user server limit", () => {
  it("refuses creating, invite joins and directory joins past 200 servers with a field error", async () => {
    await using t = await startTestServer();
    const owner = await makeUser(t.api);
    const guild = await makeGuild(t.api, owner, "Open House");
    await t.api.patch(
      `/api/v1/guilds/${guild.id}`,
      { discoverable: true, description: "all welcome" },
      { token: owner.token },
    );
    const invite = await t.api.post(`/api/v1/channels/${guild.generalId}/invites`, {}, { token: owner.token });
    const busy = await makeUser(t.api);
    await fillGuilds(t, owner, busy, MAX_GUILDS_PER_USER);

    const viaInvite = await t.api.post(`/api/v1/invites/${invite.body.code}`, undefined, { token: busy.token });
    assert.equal(viaInvite.status, 400);
    assert.ok(viaInvite.body.error.fields.guilds);
    const viaDirectory = await t.api.post(`/api/v1/directory/${guild.id}/join`, undefined, { token: busy.token });
    assert.equal(viaDirectory.status, 400);
    assert.ok(viaDirectory.body.error.fields.guilds);
    const created = await t.api.post("/api/v1/guilds", { name: "One more" }, { token: busy.token });
    assert.equal(created.status, 400);
    assert.ok(created.body.error.fields.guilds);
    const list = await t.api.get(`/api/v1/guilds/${guild.id}/invites`, { token: owner.token });
    assert.equal(list.body[0].uses, 0, "a refused join uses nothing");
  });

  it("holds when joins and creations race: one server short of the limit, exactly one of many wins", async () => {
    await using t = await startTestServer();
    const owner = await makeUser(t.api);
    const busy = await makeUser(t.api);
    await fillGuilds(t, owner, busy, MAX_GUILDS_PER_USER - 1);
    const codes: string[] = [];
    for (let n = 0; n < 6; n++) {
      const guild = await makeGuild(t.api, owner, `Race ${n}`);
      const invite = await t.api.post(`/api/v1/channels/${guild.generalId}/invites`, {}, { token: owner.token });
      codes.push(invite.body.code);
    }

    const attempts = await Promise.all([
      ...codes.map((code) => t.api.post(`/api/v1/invites/${code}`, undefined, { token: busy.token })),
      t.api.post("/api/v1/guilds", { name: "Mine" }, { token: busy.token }),
      t.api.post("/api/v1/guilds", { name: "Also mine" }, { token: busy.token }),
    ]);

    const statuses = attempts.map((res) => res.status);
    assert.equal(statuses.filter((s) => s === 400).length, attempts.length - 1, `statuses: ${statuses}`);
    const mine = await t.api.get("/api/v1/users/@me/guilds", { token: busy.token });
    assert.equal(mine.status, 200);
    const { count } = await t.server.database.db
      .selectFrom("members")
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .where("user_id", "=", busy.id)
      .executeTakeFirstOrThrow();
    assert.equal(Number(count), MAX_GUILDS_PER_USER);
  });
});
