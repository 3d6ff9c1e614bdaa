/**
 * Two nodes in one process, sharing PostgreSQL and Redis: a session moves from a live node to another and back
 * (a load balancer sending a reconnecting client elsewhere), and each node serves it only while it owns it.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Redis } from "ioredis";
import { makeGuild, makeUser } from "../../test-support/factories.js";
import { GatewayClient } from "../../test-support/gateway-client.js";
import { sendMessage } from "../../test-support/message-factories.js";
import { testBackend } from "../../test-support/test-database.js";
import { testRedisUrl } from "../../test-support/test-redis.js";
import { startTestServer } from "../../test-support/test-server.js";

const skip =
  (testBackend() !== "postgres" || !testRedisUrl()) && "needs PostgreSQL and Redis (the postgres+redis pass)";
const WAIT_MS = 30_000;

async function contents(client: GatewayClient, prefix: string, count: number, until?: string): Promise<string[]> {
  const seen: string[] = [];
  for (;;) {
    const frame = await client.next((f) => f.op === "invalid_session" || f.t === "MESSAGE_CREATE" || f.t === until);
    if (frame.op === "invalid_session") throw new Error("the session was invalidated");
    if (until && frame.t === until) return seen;
    if (String(frame.d.content).startsWith(prefix)) seen.push(frame.d.content);
    if (!until && seen.length === count) return seen;
  }
}

describe("a gateway session moving between live nodes", { skip }, () => {
  it("resumes on the other node with what it missed, then back again, never twice and never from the old node", async () => {
    await using a = await startTestServer();
    await using b = await startTestServer({
      settings: {
        "database.url": a.config.database.url,
        "redis.url": a.config.redis.url,
        "redis.prefix": a.config.redis.prefix,
        "secrets.token_signing_key": a.config.secrets.tokenSigningKey,
      },
    });
    const owner = await makeUser(a.api);
    const guild = await makeGuild(a.api, owner);
    const invite = await a.api.post(`/api/v1/channels/${guild.generalId}/invites`, {}, { token: owner.token });
    const member = await makeUser(b.api);
    assert.equal(
      (await b.api.post(`/api/v1/invites/${invite.body.code}`, undefined, { token: member.token })).status,
      200,
    );

    const onA = await GatewayClient.connect(a.baseUrl, { waitMs: WAIT_MS });
    await onA.identify(member.token);
    const sessionId = onA.sessionId as string;
    const redis = new Redis(a.config.redis.url);
    try {
      const key = `${a.config.redis.prefix}gw:s:${sessionId}`;
      const deadline = Date.now() + WAIT_MS;
      while (!(await redis.hget(key, "since"))) {
        assert.ok(Date.now() < deadline, "the session was never shared");
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } finally {
      redis.disconnect();
    }
    await onA.drop();
    for (let n = 0; n < 5; n++) await sendMessage(a.api, owner, guild.generalId, `away ${n}`);

    const onB = await GatewayClient.connect(b.baseUrl, { waitMs: WAIT_MS });
    onB.resume(member.token, sessionId, onA.seq);
    assert.deepEqual(await contents(onB, "away", 0, "RESUMED"), ["away 0", "away 1", "away 2", "away 3", "away 4"]);
    for (let n = 0; n < 3; n++) await sendMessage(a.api, owner, guild.generalId, `live ${n}`);
    assert.deepEqual(await contents(onB, "live", 3), ["live 0", "live 1", "live 2"]);
    await onB.drop();
    await sendMessage(b.api, owner, guild.generalId, "between");

    // Node a still holds its old copy of the session; it must notice b owns it now and take it over properly.
    const backOnA = await GatewayClient.connect(a.baseUrl, { waitMs: WAIT_MS });
    backOnA.resume(member.token, sessionId, onB.seq);
    assert.deepEqual(await contents(backOnA, "between", 0, "RESUMED"), ["between"]);
    await sendMessage(b.api, owner, guild.generalId, "last");
    assert.deepEqual(await contents(backOnA, "last", 1), ["last"]);
    assert.deepEqual([...onB.problems, ...backOnA.problems], [], "sequence numbers continue without gaps or repeats");
    await backOnA.close();
  });
});
