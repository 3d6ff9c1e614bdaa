import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { guildTopic, userTopic } from "../../../events/domain-events.js";
import { recordEvents } from "../../../test-support/event-recorder.js";
import { makeGuild, makeMember, makeUser } from "../../../test-support/factories.js";
import { startTestServer } from "../../../test-support/test-server.js";

describe("guild routes", () => {
  it("creates a server with @everyone, a category, #general and a voice channel, and lists it", async () => {
    await using t = await startTestServer();
    const owner = await makeUser(t.api);
    const published = await recordEvents(t.server.bus, userTopic(owner.id));
    const res = await t.api.post("/api/v1/guilds", { name: "  Cozy Corner " }, { token: owner.token });
    assert.equal(res.status, 201);
    assert.equal(res.body.name, "Cozy Corner");
    assert.equal(res.body.owner_id, owner.id);
    assert.deepEqual(
      res.body.roles.map((r: any) => [r.id, r.name, r.position]),
      [[res.body.id, "@everyone", 0]],
    );
    const channels = res.body.channels.map((c: any) => [c.type, c.name]);
    assert.deepEqual(channels, [
      ["category", "Channels"],
      ["text", "general"],
      ["voice", "General"],
    ]);
    const category = res.body.channels[0].id;
    assert.ok(res.body.channels.slice(1).every((c: any) => c.parent_id === category));
    assert.equal(res.body.member_count, 1);
    assert.deepEqual(await published.types(1), ["GUILD_CREATE"]);

    const mine = await t.api.get("/api/v1/users/@me/guilds", { token: owner.token });
    assert.deepEqual(
      mine.body.map((g: any) => g.id),
      [res.body.id],
    );
  });

  it("rejects bad names with field errors", async () => {
    await using t = await startTestServer();
    const owner = await makeUser(t.api);
    const short = await t.api.post("/api/v1/guilds", { name: "x" }, { token: owner.token });
    assert.equal(short.status, 400);
    assert.ok(short.body.error.fields.name);
    const long = await t.api.post("/api/v1/guilds", { name: "x".repeat(101) }, { token: owner.token });
    assert.equal(long.status, 400);
    const unauthenticated = await t.api.post("/api/v1/guilds", { name: "Fine name" });
    assert.equal(unauthenticated.status, 401);
  });

  it("hides servers from non-members with 404 and names the missing permission to members", async () => {
    await using t = await startTestServer();
    const owner = await makeUser(t.api);
    const guild = await makeGuild(t.api, owner);
    const stranger = await makeUser(t.api);
    const member = await makeMember(t, guild.id);

    const hidden = await t.api.get(`/api/v1/guilds/${guild.id}`, { token: stranger.token });
    assert.equal(hidden.status, 404);
    assert.equal(hidden.body.error.code, "UNKNOWN_GUILD");
    const missing = await t.api.get("/api/v1/guilds/123456789", { token: stranger.token });
    assert.deepEqual(missing.body, hidden.body, "a missing and a hidden server look the same");
    const strangerPatch = await t.api.patch(
      `/api/v1/guilds/${guild.id}`,
      { name: "Mine now" },
      { token: stranger.token },
    );
    assert.equal(strangerPatch.status, 404);

    const seen = await t.api.get(`/api/v1/guilds/${guild.id}`, { token: member.token });
    assert.equal(seen.status, 200);
    assert.equal(seen.body.member_count, 2);
    const denied = await t.api.patch(`/api/v1/guilds/${guild.id}`, { name: "Renamed" }, { token: member.token });
    assert.equal(denied.status, 403);
    assert.equal(denied.body.error.code, "MISSING_PERMISSION");
    assert.equal(denied.body.error.permission, "MANAGE_GUILD");
  });

  it("edits a server, writes the audit log and publishes GUILD_UPDATE", async () => {
    await using t = await startTestServer();
    const owner = await makeUser(t.api);
    const guild = await makeGuild(t.api, owner, "Before");
    const { events, waitFor } = await recordEvents(t.server.bus, guildTopic(guild.id));
    const res = await t.api.patch(
      `/api/v1/guilds/${guild.id}`,
      { name: "After", description: "A place" },
      { token: owner.token, headers: { "x-audit-log-reason": encodeURIComponent("tidy up ✨") } },
    );
    assert.equal(res.status, 200);
    assert.equal(res.body.name, "After");
    assert.equal(res.body.description, "A place");
    await waitFor(1);
    assert.equal(events.length, 1);
    assert.equal(events[0]?.type, "GUILD_UPDATE");
    assert.equal(events[0]?.data.name, "After");
    const log = await t.server.database.db.selectFrom("audit_log_entries").selectAll().execute();
    assert.equal(log.length, 1);
    assert.equal(log[0]?.action, "guild_update");
    assert.equal(log[0]?.reason, "tidy up ✨");
    assert.deepEqual(JSON.parse(log[0]?.changes ?? "[]"), [
      { key: "name", old_value: "Before", new_value: "After" },
      { key: "description", old_value: null, new_value: "A place" },
    ]);
  });

  it("transfers ownership; only then may the old owner leave; only the owner deletes", async () => {
    await using t = await startTestServer();
    const owner = await makeUser(t.api);
    const guild = await makeGuild(t.api, owner);
    const heir = await makeMember(t, guild.id);
    const stranger = await makeUser(t.api);

    const stuck = await t.api.delete(`/api/v1/users/@me/guilds/${guild.id}`, { token: owner.token });
    assert.equal(stuck.status, 409);
    assert.equal(stuck.body.error.code, "OWNER_CANNOT_LEAVE");

    const notMember = await t.api.patch(
      `/api/v1/guilds/${guild.id}`,
      { owner_id: stranger.id },
      { token: owner.token },
    );
    assert.equal(notMember.status, 400);
    assert.ok(notMember.body.error.fields.owner_id);
    const byHeir = await t.api.patch(`/api/v1/guilds/${guild.id}`, { owner_id: heir.id }, { token: heir.token });
    assert.equal(byHeir.status, 403);
    assert.equal(byHeir.body.error.code, "OWNER_ONLY");

    const moved = await t.api.patch(`/api/v1/guilds/${guild.id}`, { owner_id: heir.id }, { token: owner.token });
    assert.equal(moved.status, 200);
    assert.equal(moved.body.owner_id, heir.id);

    const oldOwnerDelete = await t.api.delete(`/api/v1/guilds/${guild.id}`, { token: owner.token });
    assert.equal(oldOwnerDelete.status, 403);
    const left = await t.api.delete(`/api/v1/users/@me/guilds/${guild.id}`, { token: owner.token });
    assert.equal(left.status, 204);
    const gone = await t.api.get(`/api/v1/guilds/${guild.id}`, { token: owner.token });
    assert.equal(gone.status, 404);

    const events = await recordEvents(t.server.bus, guildTopic(guild.id));
    const deleted = await t.api.delete(`/api/v1/guilds/${guild.id}`, { token: heir.token });
    assert.equal(deleted.status, 204);
    assert.deepEqual(await events.types(1), ["GUILD_DELETE"]);
    const after = await t.api.get(`/api/v1/guilds/${guild.id}`, { token: heir.token });
    assert.equal(after.status, 404);
    const mine = await t.api.get("/api/v1/users/@me/guilds", { token: heir.token });
    assert.deepEqual(mine.body, []);
  });

  it("refuses a 201st server with a field error", async () => {
    await using t = await startTestServer();
    const user = await makeUser(t.api);
    const { db } = t.server.database;
    const now = Date.now();
    const ids = Array.from({ length: 200 }, (_, i) => String(1_000_000 + i));
    await db
      .insertInto("guilds")
      .values(
        ids.map((id) => ({
          id,
          name: `g${id}`,
          name_key: `g${id}`,
          icon: null,
          description: null,
          owner_id: user.id,
          discoverable: 0,
          created_at: now,
        })),
      )
      .execute();
    await db
      .insertInto("members")
      .values(
        ids.map((guild_id) => ({ guild_id, user_id: user.id, nickname: null, joined_at: now, timeout_until: null })),
      )
      .execute();
    const res = await t.api.post("/api/v1/guilds", { name: "One too many" }, { token: user.token });
    assert.equal(res.status, 400);
    assert.ok(res.body.error.fields.guilds);
  });
});

describe("public directory", () => {
  it("lists opted-in servers by name or description and lets anyone join without an invite", async () => {
    await using t = await startTestServer();
    const owner = await makeUser(t.api);
    const listed = await makeGuild(t.api, owner, "Rust Lovers");
    const other = await makeGuild(t.api, owner, "Knitting 100%");
    await makeGuild(t.api, owner, "Private Rust Club");

    const noDescription = await t.api.patch(
      `/api/v1/guilds/${listed.id}`,
      { discoverable: true },
      { token: owner.token },
    );
    assert.equal(noDescription.status, 400);
    assert.ok(noDescription.body.error.fields.description);
    for (const [id, description] of [
      [listed.id, "Talk about the RUST language"],
      [other.id, "Yarn and needles"],
    ]) {
      const res = await t.api.patch(
        `/api/v1/guilds/${id}`,
        { discoverable: true, description },
        { token: owner.token },
      );
      assert.equal(res.status, 200);
    }

    const visitor = await makeUser(t.api);
    const search = await t.api.get("/api/v1/directory?query=rust", { token: visitor.token });
    assert.equal(search.status, 200);
    assert.deepEqual(
      search.body.guilds.map((g: any) => g.name),
      ["Rust Lovers"],
    );
    assert.equal(search.body.total, 1);
    const byDescription = await t.api.get("/api/v1/directory?query=NEEDLES", { token: visitor.token });
    assert.deepEqual(
      byDescription.body.guilds.map((g: any) => g.id),
      [other.id],
    );
    const literalPercent = await t.api.get(`/api/v1/directory?query=${encodeURIComponent("100%")}`, {
      token: visitor.token,
    });
    assert.deepEqual(
      literalPercent.body.guilds.map((g: any) => g.id),
      [other.id],
    );
    const all = await t.api.get("/api/v1/directory?limit=1&offset=1", { token: visitor.token });
    assert.equal(all.body.total, 2);
    assert.equal(all.body.guilds.length, 1);

    const joined = await t.api.post(`/api/v1/directory/${listed.id}/join`, undefined, { token: visitor.token });
    assert.equal(joined.status, 200);
    assert.equal(joined.body.id, listed.id);
    const seen = await t.api.get(`/api/v1/guilds/${listed.id}`, { token: visitor.token });
    assert.equal(seen.body.member_count, 2);

    const unlisted = await t.api.patch(`/api/v1/guilds/${listed.id}`, { discoverable: false }, { token: owner.token });
    assert.equal(unlisted.status, 200);
    const latecomer = await makeUser(t.api);
    const refused = await t.api.post(`/api/v1/directory/${listed.id}/join`, undefined, { token: latecomer.token });
    assert.equal(refused.status, 404);
  });
});
