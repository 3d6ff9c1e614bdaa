import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { enableTotp, login, makeGuild, makeMember, makeUser } from "../../../test-support/factories.js";
import { startTestServer } from "../../../test-support/test-server.js";
import { totpCode } from "../../../test-support/totp.js";

describe("user routes", () => {
  it("edits your profile and shows others only the public part", async () => {
    await using t = await startTestServer();
    const alice = await makeUser(t.api);
    const bob = await makeUser(t.api);
    const edit = await t.api.patch(
      "/api/v1/users/@me",
      { display_name: "  Alice 🌸  ", bio: "hi", pronouns: "she/her", accent_color: 0xff00ff },
      { token: alice.token },
    );
    assert.equal(edit.status, 200);
    assert.equal(edit.body.display_name, "Alice 🌸");
    assert.equal(edit.body.accent_color, 0xff00ff);

    const seen = await t.api.get(`/api/v1/users/${alice.id}`, { token: bob.token });
    assert.equal(seen.status, 200);
    assert.equal(seen.body.bio, "hi");
    assert.equal("email" in seen.body, false);
    assert.equal("totp_enabled" in seen.body, false);

    const cleared = await t.api.patch("/api/v1/users/@me", { bio: null }, { token: alice.token });
    assert.equal(cleared.body.bio, null);
    const unknown = await t.api.get("/api/v1/users/1234", { token: bob.token });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error.code, "UNKNOWN_USER");
  });

  it("rejects bad profile edits field by field", async () => {
    await using t = await startTestServer();
    const user = await makeUser(t.api);
    const res = await t.api.patch(
      "/api/v1/users/@me",
      { display_name: "x".repeat(33), accent_color: 0x1000000, email: "a@b.c" },
      { token: user.token },
    );
    assert.equal(res.status, 400);
    assert.deepEqual(Object.keys(res.body.error.fields).sort(), ["accent_color", "display_name", "email"]);
    assert.equal(res.body.error.fields.email, "is not a known field");
  });

  it("deletes the account: data erased, sessions ended, login impossible, username free again", async () => {
    await using t = await startTestServer();
    const user = await makeUser(t.api);
    await t.api.patch("/api/v1/users/@me", { display_name: "Me", bio: "about me" }, { token: user.token });
    const other = await login(t.api, user);

    const wrong = await t.api.delete("/api/v1/users/@me", { token: user.token, body: { password: "not it" } });
    assert.equal(wrong.status, 403);
    const res = await t.api.delete("/api/v1/users/@me", { token: user.token, body: { password: user.password } });
    assert.equal(res.status, 204);

    for (const token of [user.token, other.token]) {
      assert.equal((await t.api.get("/api/v1/users/@me", { token })).status, 401);
    }
    assert.equal((await t.api.post("/api/v1/auth/refresh", { refresh_token: other.refreshToken })).status, 401);
    const relogin = await t.api.post("/api/v1/auth/login", { username: user.username, password: user.password });
    assert.equal(relogin.status, 401);
    assert.equal(relogin.body.error.code, "INVALID_CREDENTIALS");
    const tombstoneLogin = await t.api.post("/api/v1/auth/login", {
      username: `deleted_user_${user.id}`,
      password: "",
    });
    assert.equal(tombstoneLogin.status, 400);
    const recover = await t.api.post("/api/v1/auth/recover", {
      username: user.username,
      recovery_code: user.recoveryCodes[0],
      new_password: "taking it back now",
    });
    assert.equal(recover.status, 401, "recovery codes die with the account");

    const db = t.server.database.db;
    const row = await db.selectFrom("users").selectAll().where("id", "=", user.id).executeTakeFirstOrThrow();
    assert.equal(row.username, `deleted_user_${user.id}`);
    assert.equal(row.password_hash, "");
    for (const field of [
      "email",
      "display_name",
      "bio",
      "pronouns",
      "avatar",
      "accent_color",
      "totp_secret",
    ] as const) {
      assert.equal(row[field], null, field);
    }
    assert.ok(row.deleted_at);
    const left = await Promise.all([
      db.selectFrom("sessions").select("id").where("user_id", "=", user.id).execute(),
      db.selectFrom("recovery_codes").select("code_hash").where("user_id", "=", user.id).execute(),
    ]);
    assert.deepEqual(left, [[], []]);

    const again = await t.api.post("/api/v1/auth/register", { username: user.username, password: "a new life begins" });
    assert.equal(again.status, 201, "the username is free again");
    assert.notEqual(again.body.user.id, user.id);
    const gone = await t.api.get(`/api/v1/users/${user.id}`, { token: again.body.access_token });
    assert.equal(gone.status, 404);
  });

  it("requires the second factor to delete an account with two-factor on", async () => {
    await using t = await startTestServer();
    const user = await makeUser(t.api);
    const secret = await enableTotp(t.api, user);
    const without = await t.api.delete("/api/v1/users/@me", { token: user.token, body: { password: user.password } });
    assert.equal(without.status, 401);
    assert.equal(without.body.error.code, "TOTP_REQUIRED");
    const ok = await t.api.delete("/api/v1/users/@me", {
      token: user.token,
      body: { password: user.password, totp_code: totpCode(secret, 1) },
    });
    assert.equal(ok.status, 204);
  });

  it("refuses to delete an account that owns servers until they are transferred or deleted", async () => {
    await using t = await startTestServer();
    const owner = await makeUser(t.api);
    const kept = await makeGuild(t.api, owner, "Kept");
    const dropped = await makeGuild(t.api, owner, "Dropped");
    const heir = await makeMember(t, kept.id);
    const body = { password: owner.password, delete_messages: true };

    const refused = await t.api.delete("/api/v1/users/@me", { token: owner.token, body });
    assert.equal(refused.status, 409);
    assert.equal(refused.body.error.code, "OWNS_GUILDS");
    assert.match(refused.body.error.message, /2 servers/);
    assert.equal((await t.api.get("/api/v1/users/@me", { token: owner.token })).status, 200, "nothing was erased");

    assert.equal((await t.api.delete(`/api/v1/guilds/${dropped.id}`, { token: owner.token })).status, 204);
    const transfer = await t.api.patch(`/api/v1/guilds/${kept.id}`, { owner_id: heir.id }, { token: owner.token });
    assert.equal(transfer.status, 200);
    const ok = await t.api.delete("/api/v1/users/@me", { token: owner.token, body });
    assert.equal(ok.status, 204);
    const guild = await t.api.get(`/api/v1/guilds/${kept.id}`, { token: heir.token });
    assert.equal(guild.body.owner_id, heir.id);
  });

  it("never lets anyone register a tombstone name", async () => {
    await using t = await startTestServer();
    const res = await t.api.post("/api/v1/auth/register", {
      username: "Deleted_User_1",
      password: "perfectly fine pw",
    });
    assert.equal(res.status, 409);
    assert.equal(res.body.error.code, "USERNAME_TAKEN");
  });
});
