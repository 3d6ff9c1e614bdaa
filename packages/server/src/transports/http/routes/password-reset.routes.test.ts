import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { login, makeUser } from "../../../test-support/factories.js";
import { startMailCatcher } from "../../../test-support/mail-catcher.js";
import { startTestServer } from "../../../test-support/test-server.js";

const resetToken = (text: string) => {
  const match = /reset-password#token=([A-Za-z0-9_-]+)/.exec(text);
  assert.ok(match, `no reset link in:\n${text}`);
  return match[1] as string;
};

describe("password reset by email", () => {
  it("mails a one-time link that sets a new password and signs out everywhere", async () => {
    await using mail = await startMailCatcher();
    await using t = await startTestServer({
      settings: {
        "smtp.url": mail.url,
        "smtp.from": "Nexus <nexus@example.org>",
        "server.public_url": "https://chat.example.org",
      },
    });
    const reg = await t.api.post("/api/v1/auth/register", {
      username: "erin",
      password: "the old passphrase",
      email: "Erin@Example.org",
    });
    assert.equal(reg.status, 201);

    const res = await t.api.post("/api/v1/auth/password-reset/request", { email: "erin@example.ORG" });
    assert.equal(res.status, 202);
    const message = await mail.next();
    assert.deepEqual(
      message.to.map((a) => a.toLowerCase()),
      ["erin@example.org"],
    );
    assert.equal(message.from, "nexus@example.org");
    assert.match(message.raw, /Subject: Reset your Nexus password/);
    assert.match(message.text, /"erin"/);
    assert.ok(message.text.includes("https://chat.example.org/reset-password#token="));
    const token = resetToken(message.text);

    const weak = await t.api.post("/api/v1/auth/password-reset/confirm", { token, new_password: "password" });
    assert.equal(weak.status, 400, "a weak password is refused before the token is spent");
    const ok = await t.api.post("/api/v1/auth/password-reset/confirm", { token, new_password: "the new passphrase" });
    assert.equal(ok.status, 204);
    assert.equal((await t.api.get("/api/v1/users/@me", { token: reg.body.access_token })).status, 401);
    await login(t.api, { username: "erin", password: "the new passphrase" });

    const twice = await t.api.post("/api/v1/auth/password-reset/confirm", { token, new_password: "third passphrase" });
    assert.equal(twice.status, 400);
    assert.equal(twice.body.error.code, "INVALID_RESET_TOKEN");
  });

  it("answers 202 the same way for unknown users, users without email, and real ones", async () => {
    await using mail = await startMailCatcher();
    await using t = await startTestServer({ settings: { "smtp.url": mail.url, "smtp.from": "nexus@example.org" } });
    const noEmail = await makeUser(t.api);
    await t.api.post("/api/v1/auth/register", { username: "frank", password: "frank's passphrase", email: "f@x.org" });
    const answers = await Promise.all(
      [{ username: "nobody_here" }, { username: noEmail.username }, { email: "none@x.org" }, { username: "FRANK" }].map(
        (body) => t.api.post("/api/v1/auth/password-reset/request", body),
      ),
    );
    for (const answer of answers) {
      assert.equal(answer.status, 202);
      assert.deepEqual(answer.body, answers[0]!.body);
    }
    const message = await mail.next();
    assert.deepEqual(message.to, ["f@x.org"]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(mail.received.length, 1, "only the account with an email got mail");
  });

  it("kills outstanding links when the password changes another way, and rejects expired or made-up tokens", async () => {
    await using mail = await startMailCatcher();
    await using t = await startTestServer({ settings: { "smtp.url": mail.url, "smtp.from": "nexus@example.org" } });
    const reg = await t.api.post("/api/v1/auth/register", {
      username: "gina",
      password: "gina's passphrase",
      email: "g@x.org",
    });
    await t.api.post("/api/v1/auth/password-reset/request", { username: "gina" });
    const token = resetToken((await mail.next()).text);
    const changed = await t.api.post(
      "/api/v1/users/@me/password",
      { current_password: "gina's passphrase", new_password: "gina's new passphrase" },
      { token: reg.body.access_token },
    );
    assert.equal(changed.status, 204);
    const stale = await t.api.post("/api/v1/auth/password-reset/confirm", {
      token,
      new_password: "a third passphrase",
    });
    assert.equal(stale.body.error.code, "INVALID_RESET_TOKEN");

    await t.api.post("/api/v1/auth/password-reset/request", { username: "gina" });
    const expiring = resetToken((await mail.next()).text);
    await t.server.database.db
      .updateTable("password_reset_tokens")
      .set({ expires_at: Date.now() - 1 })
      .execute();
    const expired = await t.api.post("/api/v1/auth/password-reset/confirm", {
      token: expiring,
      new_password: "a third passphrase",
    });
    assert.equal(expired.body.error.code, "INVALID_RESET_TOKEN");
    const madeUp = await t.api.post("/api/v1/auth/password-reset/confirm", {
      token: "A".repeat(43),
      new_password: "a third passphrase",
    });
    assert.equal(madeUp.status, 400);
  });
});
