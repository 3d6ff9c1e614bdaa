import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { enableTotp, login, makeUser } from "../../../test-support/factories.js";
import { startTestServer } from "../../../test-support/test-server.js";
import { totpCode } from "../../../test-support/totp.js";

describe("password change", () => {
  it("changes the password and signs out every other session, keeping this one", async () => {
    await using t = await startTestServer();
    const user = await makeUser(t.api);
    const other = await login(t.api, user);
    const res = await t.api.post(
      "/api/v1/users/@me/password",
      { current_password: user.password, new_password: "a brand new passphrase" },
      { token: user.token },
    );
    assert.equal(res.status, 204);
    assert.equal((await t.api.get("/api/v1/users/@me", { token: other.token })).status, 401);
    assert.equal((await t.api.post("/api/v1/auth/refresh", { refresh_token: other.refreshToken })).status, 401);
    assert.equal((await t.api.get("/api/v1/users/@me", { token: user.token })).status, 200);
    const refreshed = await t.api.post("/api/v1/auth/refresh", { refresh_token: user.refreshToken });
    assert.equal(refreshed.status, 200, "this session keeps working");

    const old = await t.api.post("/api/v1/auth/login", { username: user.username, password: user.password });
    assert.equal(old.status, 401);
    await login(t.api, { username: user.username, password: "a brand new passphrase" });
  });

  it("refuses a wrong current password, a common new one and one equal to the username", async () => {
    await using t = await startTestServer();
    const user = await makeUser(t.api);
    const wrong = await t.api.post(
      "/api/v1/users/@me/password",
      { current_password: "not my password", new_password: "a brand new passphrase" },
      { token: user.token },
    );
    assert.equal(wrong.status, 403);
    assert.equal(wrong.body.error.code, "INCORRECT_PASSWORD");
    assert.deepEqual(wrong.body.error.fields, { current_password: "is incorrect" });

    for (const weak of ["password1", user.username.toUpperCase()]) {
      const res = await t.api.post(
        "/api/v1/users/@me/password",
        { current_password: user.password, new_password: weak },
        { token: user.token },
      );
      assert.equal(res.status, 400, weak);
      assert.equal(res.body.error.code, "WEAK_PASSWORD");
      assert.deepEqual(res.body.error.fields, { new_password: "is too common" });
    }
    const short = await t.api.post(
      "/api/v1/users/@me/password",
      { current_password: user.password, new_password: "short" },
      { token: user.token },
    );
    assert.equal(short.status, 400);
    assert.match(short.body.error.fields.new_password, /at least 8/);
    await login(t.api, user);
  });
});

describe("recovery codes", () => {
  it("regenerates the codes after the password; the old ones stop working", async () => {
    await using t = await startTestServer();
    const user = await makeUser(t.api);
    const denied = await t.api.post(
      "/api/v1/users/@me/recovery-codes",
      { password: "wrong one" },
      { token: user.token },
    );
    assert.equal(denied.status, 403);

    const res = await t.api.post(
      "/api/v1/users/@me/recovery-codes",
      { password: user.password },
      { token: user.token },
    );
    assert.equal(res.status, 200);
    assert.equal(res.body.recovery_codes.length, 10);
    assert.equal(new Set(res.body.recovery_codes).size, 10);
    for (const code of res.body.recovery_codes) assert.match(code, /^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);

    const stale = await t.api.post("/api/v1/auth/recover", {
      username: user.username,
      recovery_code: user.recoveryCodes[0],
      new_password: "another fine passphrase",
    });
    assert.equal(stale.status, 401);
    const fresh = await t.api.post("/api/v1/auth/recover", {
      username: user.username,
      recovery_code: res.body.recovery_codes[0],
      new_password: "another fine passphrase",
    });
    assert.equal(fresh.status, 200);
  });
});

describe("TOTP two-factor", () => {
  it("enrolls, confirms, then login requires a code that works once", async () => {
    await using t = await startTestServer();
    const user = await makeUser(t.api);
    const enroll = await t.api.post(
      "/api/v1/users/@me/totp/enroll",
      { password: user.password },
      { token: user.token },
    );
    assert.equal(enroll.status, 200);
    assert.match(enroll.body.secret, /^[A-Z2-7]{32}$/);
    assert.match(enroll.body.otpauth_uri, /^otpauth:\/\/totp\/Nexus:.+\?issuer=Nexus&secret=[A-Z2-7]+/);
    assert.ok(enroll.body.otpauth_uri.includes(`Nexus:${user.username}`));

    const pending = await login(t.api, user);
    assert.ok(pending.token, "two-factor stays off until confirmed");

    const wrong = await t.api.post("/api/v1/users/@me/totp/confirm", { code: "000000" }, { token: user.token });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.body.error.code, "INVALID_TOTP_CODE");
    const confirm = await t.api.post(
      "/api/v1/users/@me/totp/confirm",
      { code: totpCode(enroll.body.secret) },
      { token: user.token },
    );
    assert.equal(confirm.status, 200);
    assert.equal(confirm.body.totp_enabled, true);

    const missing = await t.api.post("/api/v1/auth/login", { username: user.username, password: user.password });
    assert.equal(missing.status, 401);
    assert.equal(missing.body.error.code, "TOTP_REQUIRED");
    const bad = await t.api.post("/api/v1/auth/login", {
      username: user.username,
      password: user.password,
      totp_code: "123456",
    });
    assert.equal(bad.body.error.code, "INVALID_TOTP_CODE");

    const next = totpCode(enroll.body.secret, 1);
    const ok = await t.api.post("/api/v1/auth/login", {
      username: user.username,
      password: user.password,
      totp_code: next,
    });
    assert.equal(ok.status, 200);
    assert.equal(ok.body.user.totp_enabled, true);
    const replay = await t.api.post("/api/v1/auth/login", {
      username: user.username,
      password: user.password,
      totp_code: next,
    });
    assert.equal(replay.status, 400, "a code is accepted once");
    assert.equal(replay.body.error.code, "INVALID_TOTP_CODE");
    const wrongPassword = await t.api.post("/api/v1/auth/login", {
      username: user.username,
      password: "not the password",
      totp_code: totpCode(enroll.body.secret),
    });
    assert.equal(wrongPassword.body.error.code, "INVALID_CREDENTIALS", "the password is checked before the code");
  });

  it("accepts each recovery code once in place of a TOTP code", async () => {
    await using t = await startTestServer();
    const user = await makeUser(t.api);
    await enableTotp(t.api, user);
    const [code] = user.recoveryCodes;
    const upper = code!.toUpperCase().replace(/-/g, "");
    const res = await t.api.post("/api/v1/auth/login", {
      username: user.username,
      password: user.password,
      totp_code: upper,
    });
    assert.equal(res.status, 200, "recovery codes are compared without case or dashes");
    const again = await t.api.post("/api/v1/auth/login", {
      username: user.username,
      password: user.password,
      totp_code: code,
    });
    assert.equal(again.status, 400);
  });

  it("refuses to enroll twice, to confirm without enrolling, and to disable when off", async () => {
    await using t = await startTestServer();
    const user = await makeUser(t.api);
    const unenrolled = await t.api.post("/api/v1/users/@me/totp/confirm", { code: "123456" }, { token: user.token });
    assert.equal(unenrolled.status, 409);
    assert.equal(unenrolled.body.error.code, "TOTP_NOT_ENROLLED");
    const off = await t.api.post("/api/v1/users/@me/totp/disable", { code: "123456" }, { token: user.token });
    assert.equal(off.status, 409);
    assert.equal(off.body.error.code, "TOTP_NOT_ENABLED");
    const wrongPassword = await t.api.post(
      "/api/v1/users/@me/totp/enroll",
      { password: "nope" },
      { token: user.token },
    );
    assert.equal(wrongPassword.status, 403);
    await enableTotp(t.api, user);
    const twice = await t.api.post("/api/v1/users/@me/totp/enroll", { password: user.password }, { token: user.token });
    assert.equal(twice.status, 409);
    assert.equal(twice.body.error.code, "TOTP_ALREADY_ENABLED");
    const malformed = await t.api.post("/api/v1/users/@me/totp/confirm", { code: "12345a" }, { token: user.token });
    assert.equal(malformed.status, 400);
    assert.deepEqual(Object.keys(malformed.body.error.fields), ["code"]);
  });

  it("disables with a TOTP code or a recovery code, after which login needs only the password", async () => {
    await using t = await startTestServer();
    const user = await makeUser(t.api);
    const secret = await enableTotp(t.api, user);
    const wrong = await t.api.post("/api/v1/users/@me/totp/disable", { code: "000000" }, { token: user.token });
    assert.equal(wrong.status, 400);
    const off = await t.api.post(
      "/api/v1/users/@me/totp/disable",
      { code: totpCode(secret, 1) },
      { token: user.token },
    );
    assert.equal(off.status, 200);
    assert.equal(off.body.totp_enabled, false);
    await login(t.api, user);

    await enableTotp(t.api, user);
    const byRecovery = await t.api.post(
      "/api/v1/users/@me/totp/disable",
      { code: user.recoveryCodes[1] },
      { token: user.token },
    );
    assert.equal(byRecovery.status, 200);
    const row = await t.server.database.db
      .selectFrom("users")
      .select(["totp_secret", "totp_enabled"])
      .where("id", "=", user.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { totp_secret: null, totp_enabled: 0 });
  });

  it("requires the second factor to regenerate recovery codes when two-factor is on", async () => {
    await using t = await startTestServer();
    const user = await makeUser(t.api);
    const secret = await enableTotp(t.api, user);
    const without = await t.api.post(
      "/api/v1/users/@me/recovery-codes",
      { password: user.password },
      { token: user.token },
    );
    assert.equal(without.status, 401);
    assert.equal(without.body.error.code, "TOTP_REQUIRED");
    const withCode = await t.api.post(
      "/api/v1/users/@me/recovery-codes",
      { password: user.password, totp_code: totpCode(secret, 1) },
      { token: user.token },
    );
    assert.equal(withCode.status, 200);
  });
});
