/** Two nodes sharing Redis count a user's requests against one budget, not one per node. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { makeUser } from "../../test-support/factories.js";
import { testBackend } from "../../test-support/test-database.js";
import { testRedisUrl } from "../../test-support/test-redis.js";
import { startTestServer } from "../../test-support/test-server.js";

const skip =
  (testBackend() !== "postgres" || !testRedisUrl()) && "needs PostgreSQL and Redis (the postgres+redis pass)";

describe("rate limits on several nodes", { skip }, () => {
  it("one user's requests through either node use up the same per-user budget", async () => {
    const limits = { "rate_limits.enabled": true, "rate_limits.user_per_minute": 6 };
    await using a = await startTestServer({ settings: limits });
    await using b = await startTestServer({
      settings: {
        ...limits,
        "database.url": a.config.database.url,
        "redis.url": a.config.redis.url,
        "redis.prefix": a.config.redis.prefix,
        "secrets.token_signing_key": a.config.secrets.tokenSigningKey,
      },
    });
    const user = await makeUser(a.api);
    const statuses: number[] = [];
    for (let n = 0; n < 8; n++) {
      const node = n % 2 === 0 ? a : b;
      statuses.push((await node.api.get("/api/v1/users/@me", { token: user.token })).status);
    }
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 200, 429, 429]);
    const limited = await b.api.get("/api/v1/users/@me", { token: user.token });
    assert.equal(limited.body.error.code, "RATE_LIMITED");
  });
});
