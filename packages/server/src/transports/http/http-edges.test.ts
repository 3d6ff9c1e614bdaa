import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { describe, it } from "node:test";
import { SignJWT } from "jose";
import { enableTotp, makeUser } from "../../test-support/factories.js";
import { startTestServer } from "../../test-support/test-server.js";

const json = { "content-type": "application/json" };

describe("client errors are JSON with the right status, never 500", () => {
  it("maps body, media type and routing problems", async () => {
    await using t = await startTestServer({ settings: { "server.body_limit_bytes": 4096 } });
    const cases: [string, () => Promise<any>, number, string][] = [
      [
        "invalid JSON",
        () => t.api.request("POST", "/api/v1/auth/login", { rawBody: '{"username":', headers: json }),
        400,
        "INVALID_JSON",
      ],
      [
        "empty JSON",
        () => t.api.request("POST", "/api/v1/auth/login", { rawBody: "", headers: json }),
        400,
        "INVALID_JSON",
      ],
      ["no body", () => t.api.request("POST", "/api/v1/auth/login"), 400, "VALIDATION_FAILED"],
      [
        "text/plain",
        () => t.api.request("POST", "/api/v1/auth/login", { rawBody: "hi", headers: { "content-type": "text/plain" } }),
        415,
        "UNSUPPORTED_MEDIA_TYPE",
      ],
      [
        "form",
        () =>
          t.api.request("POST", "/api/v1/auth/login", {
            rawBody: "a=b",
            headers: { "content-type": "application/x-www-form-urlencoded" },
          }),
        415,
        "UNSUPPORTED_MEDIA_TYPE",
      ],
      [
        "too large",
        () => t.api.post("/api/v1/auth/login", { username: "a", password: "x".repeat(5000) }),
        413,
        "PAYLOAD_TOO_LARGE",
      ],
      ["unknown route", () => t.api.get("/api/v1/nope"), 404, "NOT_FOUND"],
      ["wrong method", () => t.api.request("PUT", "/api/v1/auth/login"), 405, "METHOD_NOT_ALLOWED"],
    ];
    for (const [label, send, status, code] of cases) {
      const res = await send();
      assert.equal(res.status, status, label);
      assert.equal(res.headers.get("content-type"), "application/json; charset=utf-8", label);
      assert.equal(res.body.error.code, code, label);
      assert.equal(typeof res.body.error.message, "string", label);
    }
    const wrong = await t.api.request("DELETE", "/api/v1/users/@me/password");
    assert.equal(wrong.headers.get("allow"), "POST");
    const get = await t.api.request("POST", "/api/v1/auth/sessions");
    assert.equal(get.status, 405);
    assert.equal(get.headers.get("allow"), "GET, HEAD");
  });

  it("reports unknown keys, nested paths and wrong types under their own field names", async () => {
    await using t = await startTestServer();
    const user = await makeUser(t.api);
    const unknown = await t.api.post("/api/v1/auth/login", { username: "a", password: "b", x: 1, "weird key": 2 });
    assert.deepEqual(unknown.body.error.fields, { x: "is not a known field", "weird key": "is not a known field" });
    const types = await t.api.patch("/api/v1/users/@me", { bio: 5, accent_color: "red" }, { token: user.token });
    assert.deepEqual(Object.keys(types.body.error.fields).sort(), ["accent_color", "bio"]);
    assert.match(types.body.error.message, /^Invalid request: /);
    const array = await t.api.post("/api/v1/auth/login", [{ username: "a" }]);
    assert.deepEqual(array.body.error.fields, { body: "expected object, received array" });
    const query = await t.api.get("/api/v1/users/12x", { token: user.token });
    assert.ok(query.body.error.fields.user_id);
  });

  it("survives hostile strings: unicode edge cases, null bytes, SQL, huge values, wrong shapes", async () => {
    await using t = await startTestServer({ settings: { "rate_limits.enabled": false } });
    const user = await makeUser(t.api);
    const strings = [
      "' OR 1=1; --",
      "Robert'); DROP TABLE users;--",
      "a\u0000b",
      "\ud800",
      "e\u0301\u0301\u0301",
      "\u202eevil",
      "zero\u200bwidth",
      "👩‍👩‍👧‍👦".repeat(50),
      "x".repeat(100_000),
      "%s%n%x",
      "../../etc/passwd",
    ];
    for (const value of strings) {
      const responses = await Promise.all([
        t.api.post("/api/v1/auth/login", { username: value, password: value }),
        t.api.post("/api/v1/auth/register", { username: value, password: `${value}!long enough` }),
        t.api.patch("/api/v1/users/@me", { display_name: value, bio: value }, { token: user.token }),
        t.api.post("/api/v1/auth/recover", { username: value, recovery_code: value, new_password: value }),
        t.api.post("/api/v1/auth/refresh", { refresh_token: value }),
        t.api.get(`/api/v1/users/${encodeURIComponent(value.slice(0, 200).replace(/[\ud800-\udfff]/g, "\ufffd"))}`, {
          token: user.token,
        }),
        t.api.get("/api/v1/users/@me", { token: Buffer.from(value).toString("base64url").slice(0, 2000) }),
      ]);
      for (const res of responses) {
        assert.ok(res.status >= 200 && res.status < 500, `${res.status} for ${JSON.stringify(value.slice(0, 40))}`);
        if (res.status >= 400)
          assert.equal(typeof res.body?.error?.code, "string", JSON.stringify(res.body).slice(0, 200));
      }
    }
    for (const body of [null, 42, "str", true, [], { username: ["a"], password: { $ne: 1 } }, { username: 1e308 }]) {
      const res = await t.api.post("/api/v1/auth/login", body);
      assert.equal(res.status, 400, JSON.stringify(body));
    }
    const nul = await t.api.patch("/api/v1/users/@me", { bio: "a\u0000b" }, { token: user.token });
    assert.deepEqual(nul.body.error.fields, { bio: "must not contain NUL characters" });
    const proto = await t.api.request("POST", "/api/v1/auth/login", {
      rawBody: '{"__proto__":{"admin":true},"username":"a","password":"b"}',
      headers: json,
    });
    assert.equal(proto.status, 400);
    const stored = await t.api.patch("/api/v1/users/@me", { bio: "' OR 1=1; -- 🌍 \u202e" }, { token: user.token });
    assert.equal(stored.body.bio, "' OR 1=1; -- 🌍 \u202e", "SQL-looking text is stored verbatim");
    const count = await t.server.database.db
      .selectFrom("users")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 1);
  });
});

describe("access tokens", () => {
  it("rejects expired, tampered, foreign and unsigned tokens with 401", async () => {
    await using t = await startTestServer();
    const user = await makeUser(t.api);
    const [, sessionClaims] = user.token.split(".");
    const { sid } = JSON.parse(Buffer.from(sessionClaims!, "base64url").toString());
    const key = Buffer.from(t.config.secrets.tokenSigningKey, "base64url");
    const sign = (k: Uint8Array, exp: number, aud = "nexus-api") =>
      new SignJWT({ sid })
        .setProtectedHeader({ alg: "HS256" })
        .setSubject(user.id)
        .setIssuer("nexus")
        .setAudience(aud)
        .setIssuedAt(exp - 900)
        .setExpirationTime(exp)
        .sign(k);
    const now = Math.floor(Date.now() / 1000);

    const valid = await sign(key, now + 60);
    assert.equal((await t.api.get("/api/v1/users/@me", { token: valid })).status, 200, "the crafted token is right");

    const expired = await t.api.get("/api/v1/users/@me", { token: await sign(key, now - 1) });
    assert.equal(expired.status, 401);
    assert.equal(expired.body.error.code, "TOKEN_EXPIRED");

    // A token the server has already accepted (and remembers as verified) still stops working at its exp.
    const soonExp = Math.floor(Date.now() / 1000) + 5;
    const soon = await sign(key, soonExp);
    assert.equal((await t.api.get("/api/v1/users/@me", { token: soon })).status, 200);
    await new Promise((resolve) => setTimeout(resolve, soonExp * 1000 - Date.now() + 100));
    const lapsed = await t.api.get("/api/v1/users/@me", { token: soon });
    assert.equal(lapsed.status, 401);
    assert.equal(lapsed.body.error.code, "TOKEN_EXPIRED");

    const [header, payload, signature] = user.token.split(".");
    const claims = JSON.parse(Buffer.from(payload!, "base64url").toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: "1" })).toString("base64url");
    const unsigned = `${Buffer.from('{"alg":"none"}').toString("base64url")}.${payload}.`;
    const others = [
      `${header}.${forged}.${signature}`,
      await sign(new Uint8Array(32).fill(7), now + 60),
      await sign(key, now + 60, "someone-else"),
      unsigned,
      `${user.token}x`,
      "not.a.jwt",
    ];
    for (const token of others) {
      const res = await t.api.get("/api/v1/users/@me", { token });
      assert.equal(res.status, 401, token);
      assert.equal(res.body.error.code, "INVALID_TOKEN", token);
    }
  });

  it("lives auth.access_token_ttl_seconds, reported as expires_in", async () => {
    await using t = await startTestServer({ settings: { "auth.access_token_ttl_seconds": 30 } });
    const reg = await t.api.post("/api/v1/auth/register", { username: "hal", password: "open the pod bay" });
    assert.equal(reg.body.expires_in, 30);
    const claims = JSON.parse(Buffer.from(reg.body.access_token.split(".")[1], "base64url").toString());
    assert.equal(claims.exp - claims.iat, 30);
    const refreshed = await t.api.post("/api/v1/auth/refresh", { refresh_token: reg.body.refresh_token });
    assert.equal(refreshed.body.expires_in, 30);
  });

  it("ends sessions whose refresh lifetime has passed", async () => {
    await using t = await startTestServer();
    const user = await makeUser(t.api);
    await t.server.database.db
      .updateTable("sessions")
      .set({ expires_at: Date.now() - 1 })
      .execute();
    assert.equal((await t.api.post("/api/v1/auth/refresh", { refresh_token: user.refreshToken })).status, 401);
    assert.equal((await t.api.get("/api/v1/users/@me", { token: user.token })).status, 401);
  });
});

describe("security headers", () => {
  it("sends CSP, nosniff, DENY framing and no referrer, without HSTS over plain HTTP", async () => {
    await using t = await startTestServer();
    for (const path of ["/healthz", "/api/v1/nope", "/api/v1/openapi.json"]) {
      const { headers } = await t.api.get(path);
      assert.match(headers.get("content-security-policy") ?? "", /default-src 'self'.*frame-ancestors 'none'/);
      assert.equal(headers.get("x-content-type-options"), "nosniff");
      assert.equal(headers.get("x-frame-options"), "DENY");
      assert.equal(headers.get("referrer-policy"), "no-referrer");
      assert.equal(headers.get("strict-transport-security"), null);
    }
    const spoofed = await t.api.get("/healthz", { headers: { "x-forwarded-proto": "https" } });
    assert.equal(spoofed.headers.get("strict-transport-security"), null, "forwarded headers need trust_proxy");
  });

  it("sends HSTS when a trusted proxy says the request came over TLS", async () => {
    await using t = await startTestServer({ settings: { "server.trust_proxy": true } });
    const tls = await t.api.get("/healthz", { headers: { "x-forwarded-proto": "https" } });
    assert.match(tls.headers.get("strict-transport-security") ?? "", /max-age=31536000/);
    const plain = await t.api.get("/healthz", { headers: { "x-forwarded-proto": "http" } });
    assert.equal(plain.headers.get("strict-transport-security"), null);
  });
});

describe("rate limits", () => {
  it("limits credential routes per IP with RateLimit headers, then 429 with Retry-After", async () => {
    await using t = await startTestServer({ settings: { "rate_limits.auth_per_minute": 3 } });
    for (let i = 3; i > 0; i--) {
      const res = await t.api.post("/api/v1/auth/login", { username: "x", password: "y" });
      assert.equal(res.status, 401);
      assert.equal(res.headers.get("ratelimit-limit"), "3");
      assert.equal(res.headers.get("ratelimit-remaining"), String(i - 1));
      assert.ok(Number(res.headers.get("ratelimit-reset")) > 0);
    }
    const limited = await t.api.post("/api/v1/auth/register", { username: "x", password: "y" });
    assert.equal(limited.status, 429);
    assert.equal(limited.body.error.code, "RATE_LIMITED");
    assert.ok(limited.body.error.retry_after >= 1 && limited.body.error.retry_after <= 60);
    assert.equal(limited.headers.get("retry-after"), String(limited.body.error.retry_after));
    const other = await t.api.get("/api/v1/openapi.json");
    assert.equal(other.status, 200, "the general per-IP limit is separate and much higher");
  });

  it("limits each signed-in user across route groups", async () => {
    await using t = await startTestServer({ settings: { "rate_limits.user_per_minute": 4 } });
    const alice = await makeUser(t.api);
    const bob = await makeUser(t.api);
    const statuses = [];
    for (const path of ["/api/v1/users/@me", "/api/v1/auth/sessions", "/api/v1/users/@me", "/api/v1/auth/sessions"]) {
      statuses.push((await t.api.get(path, { token: alice.token })).status);
    }
    assert.deepEqual(statuses, [200, 200, 200, 200]);
    const limited = await t.api.get("/api/v1/users/@me", { token: alice.token });
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get("ratelimit-remaining"), "0");
    assert.ok(Number(limited.headers.get("retry-after")) >= 1);
    assert.equal((await t.api.get("/api/v1/users/@me", { token: bob.token })).status, 200, "bob has his own budget");
  });

  it("limits password and code checks per user", async () => {
    await using t = await startTestServer({ settings: { "rate_limits.auth_per_minute": 3 } });
    const user = await makeUser(t.api);
    const enroll = await t.api.post(
      "/api/v1/users/@me/totp/enroll",
      { password: user.password },
      { token: user.token },
    );
    assert.equal(enroll.status, 200);
    for (let i = 0; i < 2; i++) {
      const wrong = await t.api.post("/api/v1/users/@me/totp/confirm", { code: "000000" }, { token: user.token });
      assert.equal(wrong.status, 400);
    }
    const limited = await t.api.post("/api/v1/users/@me/totp/confirm", { code: "000000" }, { token: user.token });
    assert.equal(limited.status, 429, "guessing codes is capped per user");
    assert.equal((await t.api.get("/api/v1/users/@me", { token: user.token })).status, 200, "other routes still work");
  });

  it("can be switched off", async () => {
    await using t = await startTestServer({
      settings: { "rate_limits.enabled": false, "rate_limits.auth_per_minute": 1 },
    });
    for (let i = 0; i < 3; i++) {
      const res = await t.api.post("/api/v1/auth/login", { username: "x", password: "y" });
      assert.equal(res.status, 401);
      assert.equal(res.headers.get("ratelimit-limit"), null);
    }
  });
});

describe("logs", () => {
  it("never contain passwords, tokens, codes or secrets", async () => {
    let output = "";
    const logStream = new Writable({
      write(chunk, _encoding, done) {
        output += chunk.toString();
        done();
      },
    });
    await using t = await startTestServer({ logStream });
    const user = await makeUser(t.api, { password: "hunter2-but-longer" });
    const secret = await enableTotp(t.api, user);
    const pair = await t.api.post("/api/v1/auth/refresh", { refresh_token: user.refreshToken });
    await t.api.post("/api/v1/auth/login", { username: user.username, password: "wrong-password-123" });
    await t.api.post("/api/v1/auth/recover", {
      username: user.username,
      recovery_code: user.recoveryCodes[0],
      new_password: "a new secret phrase",
    });
    t.server.logger.info({ req: { headers: { authorization: `Bearer ${user.token}` }, body: { password: "p1" } } });
    t.server.logger.error({ body: { new_password: "p2", refresh_token: "r1", code: "c1" } }, "failure");
    const secrets = [
      "hunter2-but-longer",
      "wrong-password-123",
      "a new secret phrase",
      user.token,
      user.refreshToken,
      pair.body.access_token,
      pair.body.refresh_token,
      user.recoveryCodes[0]!,
      secret,
      t.config.secrets.tokenSigningKey,
      '"p1"',
      '"p2"',
      '"r1"',
      '"c1"',
    ];
    assert.ok(output.includes("[redacted]"), "the explicit lines were written, redacted");
    for (const value of secrets) assert.equal(output.includes(value), false, `log contains ${value.slice(0, 12)}…`);
  });
});
