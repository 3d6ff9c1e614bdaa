import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MAX_GUILDS_PER_USER } from "@nexus/protocol";
import { makeGuild, makeUser } from "../../../test-support/factories.js";
import { startTestServer } from "../../../test-support/test-server.js";

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
    // Filling 200 servers through the API would take minutes; the rows are what the limit counts.
    const { db } = t.server.database;
    const ids = Array.from({ length: MAX_GUILDS_PER_USER }, (_, i) =>
      (900_000_000_000_000_000n + BigInt(i)).toString(),
    );
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
      .values(ids.map((id) => ({ guild_id: id, user_id: busy.id, nickname: null, joined_at: 1, timeout_until: null })))
      .execute();

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
});
