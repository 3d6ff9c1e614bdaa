import assert from "node:assert/strict";
import { it } from "node:test";
import { makeUser } from "../../test-support/factories.js";
import { startTestServer } from "../../test-support/test-server.js";

it("every response says how long the server spent on it in a Server-Timing header", async () => {
  await using t = await startTestServer();
  const user = await makeUser(t.api);
  for (const response of [
    await t.api.get("/readyz"),
    await t.api.get("/api/v1/users/@me", { token: user.token }),
    await t.api.get("/api/v1/users/@me"),
  ]) {
    const timing = response.headers.get("server-timing") ?? "";
    assert.match(timing, /^app;dur=\d+\.\d{3}$/);
    assert.ok(Number(timing.slice("app;dur=".length)) < 10_000);
  }
});
