/**
 * Scale-out with real processes: three `nexus` nodes on loopback ports sharing one throwaway PostgreSQL database
 * (behind a TCP proxy the test can cut) and a private redis-server the test can kill and restart. Runs in the
 * postgres pass of scripts/test.mjs; elsewhere it says SKIPPED, and fails under NEXUS_TEST_REQUIRE_ALL=1.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Redis } from "ioredis";
import { makeGuild, makeUser, type TestGuild, type TestUser } from "../packages/server/src/test-support/factories.js";
import { GatewayClient, type ReceivedFrame } from "../packages/server/src/test-support/gateway-client.js";
import { sendMessage } from "../packages/server/src/test-support/message-factories.js";
import { clusterEnv, type NexusNode, startNexusNode } from "../packages/server/src/test-support/nexus-node.js";
import { startTcpProxy, type TcpProxy } from "../packages/server/src/test-support/tcp-proxy.js";
import { TestClient } from "../packages/server/src/test-support/test-client.js";
import {
  createTestDatabase,
  type TestDatabase,
  testBackend,
} from "../packages/server/src/test-support/test-database.js";
import {
  hasRedisServerBinary,
  type PrivateRedis,
  startPrivateRedis,
  testRedisUrl,
  uniqueRedisPrefix,
} from "../packages/server/src/test-support/test-redis.js";

function missingBackends(): string | undefined {
  if (!process.env.NEXUS_TEST_PG_URL) return "NEXUS_TEST_PG_URL is not set";
  if (!testRedisUrl()) return "NEXUS_TEST_REDIS_URL is not set";
  if (!hasRedisServerBinary()) return "redis-server is not installed";
  return undefined;
}

const missing = missingBackends();
const requireAll = process.env.NEXUS_TEST_REQUIRE_ALL === "1";
if (missing) console.log(`SKIPPED: multi-node scale-out tests (${missing})`);
/** Backends present: run once, in the postgres pass. Absent: skip, unless every suite is required. */
const skip = missing ? !requireAll && missing : testBackend() !== "postgres" && "runs in the postgres pass";

/** Generous: the machine may be very busy. */
const WAIT_MS = 60_000;

async function until<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = WAIT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Contents of messages in `channelId` starting with `prefix`, as `client` receives them, until `count` arrived;
 * appended to `seen`. Fails on invalid_session.
 */
async function receiveMessages(
  client: GatewayClient,
  channelId: string,
  prefix: string,
  count: number,
  seen: string[] = [],
) {
  while (seen.length < count) {
    const frame = await client.next((f) => f.op === "invalid_session" || f.t === "MESSAGE_CREATE", WAIT_MS);
    if (frame.op === "invalid_session") throw new Error("the session was invalidated");
    if (frame.d.channel_id === channelId && String(frame.d.content).startsWith(prefix)) seen.push(frame.d.content);
  }
  return seen;
}

const isResumed = (f: ReceivedFrame) => f.op === "invalid_session" || f.t === "RESUMED";

describe("several nexus nodes on PostgreSQL and Redis", { skip }, () => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  let redis: PrivateRedis;
  let redisPrefix: string;
  const nodes: NexusNode[] = [];
  const api: TestClient[] = [];
  let owner: TestUser;
  let guild: TestGuild;

  before(async () => {
    if (missing) throw new Error(`NEXUS_TEST_REQUIRE_ALL=1 but ${missing}`);
    database = await createTestDatabase();
    const direct = new URL(database.url);
    proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
    const viaProxy = new URL(database.url);
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    redis = await startPrivateRedis();
    redisPrefix = uniqueRedisPrefix();
    const env = clusterEnv({
      NEXUS_DATABASE_URL: viaProxy.href,
      NEXUS_DATABASE_CONNECT_TIMEOUT_MS: "2000",
      NEXUS_REDIS_URL: redis.url,
      NEXUS_REDIS_PREFIX: redisPrefix,
      // A dead node's users go offline within a minute by default; a few seconds keeps this test short.
      NEXUS_PRESENCE_NODE_TTL_MS: "3000",
    });
    // Every node that did start is stopped in after(), even if another failed to.
    const started = await Promise.allSettled([1, 2, 3].map(() => startNexusNode(env)));
    for (const result of started) if (result.status === "fulfilled") nodes.push(result.value);
    const failed = started.find((result) => result.status === "rejected");
    if (failed) throw failed.reason;
    api.push(...nodes.map((node) => new TestClient(node.baseUrl)));
    owner = await makeUser(api[0] as TestClient);
    guild = await makeGuild(api[0] as TestClient, owner, "Scaled");
  });

  after(async () => {
    if (process.env.NEXUS_TEST_DEBUG) for (const node of nodes) console.log(node.stderr());
    for (const node of nodes) await node[Symbol.asyncDispose]();
    await redis?.kill();
    await proxy?.stop();
    await database?.drop();
  });

  /** A new member of the guild, registered and joined through `via`. */
  async function member(via: TestClient): Promise<TestUser> {
    const user = await makeUser(via);
    const invite = await via.post(`/api/v1/channels/${guild.generalId}/invites`, {}, { token: owner.token });
    const joined = await via.post(`/api/v1/invites/${invite.body.code}`, undefined, { token: user.token });
    assert.equal(joined.status, 200);
    return user;
  }

  async function connect(node: NexusNode, user: TestUser): Promise<GatewayClient> {
    const client = await GatewayClient.connect(node.baseUrl, { waitMs: WAIT_MS });
    await client.identify(user.token);
    return client;
  }

  it("a message sent through node 1 reaches clients on nodes 2 and 3, in order; so does typing", async () => {
    const [, api2, api3] = api as [TestClient, TestClient, TestClient];
    const onTwo = await connect(nodes[1] as NexusNode, await member(api2));
    const onThree = await connect(nodes[2] as NexusNode, await member(api3));
    const sent = Array.from({ length: 20 }, (_, n) => `in order ${n}`);
    for (const content of sent) await sendMessage(api[0] as TestClient, owner, guild.generalId, content);
    assert.deepEqual(await receiveMessages(onTwo, guild.generalId, "in order", sent.length), sent);
    assert.deepEqual(await receiveMessages(onThree, guild.generalId, "in order", sent.length), sent);

    await (api[0] as TestClient).post(`/api/v1/channels/${guild.generalId}/typing`, undefined, { token: owner.token });
    for (const client of [onTwo, onThree]) {
      const typing = await client.next((f) => f.t === "TYPING_START", WAIT_MS);
      assert.equal(typing.d.user_id, owner.id);
    }
    assert.deepEqual([...onTwo.problems, ...onThree.problems], []);
    await Promise.all([onTwo.close(), onThree.close()]);
  });

  it("kill -9 a node mid-stream: its client resumes on another node with nothing lost or duplicated", async () => {
    const [api1, api2, api3] = api as [TestClient, TestClient, TestClient];
    const watcher = await connect(nodes[1] as NexusNode, await member(api2));
    // Watches presence only (its next() skips the messages), so the watcher's message stream stays whole.
    const presenceWatcher = await connect(nodes[0] as NexusNode, await member(api1));
    const bystander = await member(api3);
    const bystanderClient = await connect(nodes[2] as NexusNode, bystander);
    const victim = await member(api3);
    const first = await connect(nodes[2] as NexusNode, victim);
    const sessionId = first.sessionId as string;
    // The session is resumable elsewhere once node 3 has shared it (a few milliseconds, longer on a busy machine).
    const shared = new Redis(redis.url);
    try {
      await until(async () => (await shared.hget(`${redisPrefix}gw:s:${sessionId}`, "since")) ?? undefined, "share");
    } finally {
      shared.disconnect();
    }

    const sent = Array.from({ length: 40 }, (_, n) => `stream ${n}`);
    const sending = (async () => {
      for (const content of sent) await sendMessage(api1, owner, guild.generalId, content);
    })();
    const received = await receiveMessages(first, guild.generalId, "stream", 8);
    await (nodes[2] as NexusNode).kill();
    await first.closed;

    const second = await GatewayClient.connect((nodes[1] as NexusNode).baseUrl, { waitMs: WAIT_MS });
    second.resume(victim.token, sessionId, first.seq);
    // Everything missed arrives before RESUMED; everything after it, live.
    for (;;) {
      const frame = await second.next((f) => isResumed(f) || f.t === "MESSAGE_CREATE", WAIT_MS);
      if (frame.op === "invalid_session") throw new Error("the session was invalidated instead of resumed");
      if (frame.t === "RESUMED") break;
      if (frame.d.channel_id === guild.generalId) received.push(frame.d.content);
    }
    await sending;
    await receiveMessages(second, guild.generalId, "stream", sent.length, received);
    assert.deepEqual(received, sent);
    assert.deepEqual(second.problems, [], "sequence numbers continue without a gap or repeat");
    assert.deepEqual(await receiveMessages(watcher, guild.generalId, "stream", sent.length), sent);

    // The bystander had no other session and did not come back: another node notices node 3 died.
    await bystanderClient.closed;
    const offline = await presenceWatcher.next(
      (f) => f.t === "PRESENCE_UPDATE" && f.d.user_id === bystander.id && f.d.status === "offline",
      WAIT_MS,
    );
    assert.equal(offline.d.guild_id, guild.id);
    await Promise.all([watcher.close(), presenceWatcher.close(), second.close()]);
  });

  it("Redis restarts: the nodes reconnect and keep serving", async () => {
    const [api1, api2] = api as [TestClient, TestClient];
    const listener = await connect(nodes[1] as NexusNode, await member(api2));
    await redis.kill();
    const during = await sendMessage(api1, owner, guild.generalId, "while Redis is down");
    assert.ok(during.id, "requests keep working while Redis is away");
    await redis.start();
    // Pub/sub keeps nothing for absent subscribers: probe until node 2 hears node 1 again.
    let probe = 0;
    await until(async () => {
      await sendMessage(api1, owner, guild.generalId, `probe ${probe++}`);
      const frames = listener.drain();
      return frames.some((f) => f.t === "MESSAGE_CREATE" && String(f.d.content).startsWith("probe")) || undefined;
    }, "node 2 to hear node 1 again");
    const sent = Array.from({ length: 10 }, (_, n) => `after restart ${n}`);
    for (const content of sent) await sendMessage(api1, owner, guild.generalId, content);
    assert.deepEqual(await receiveMessages(listener, guild.generalId, "after restart", sent.length), sent);
    await listener.close();
  });

  it("PostgreSQL goes away: requests fail with 503 and a clear error, and succeed again when it returns", async () => {
    const [api1, api2] = api as [TestClient, TestClient];
    await proxy.stop();
    try {
      for (const node of [api1, api2]) {
        const down = await node.get(`/api/v1/channels/${guild.generalId}/messages`, { token: owner.token });
        assert.equal(down.status, 503);
        assert.equal(down.body.error.code, "SERVICE_UNAVAILABLE");
        assert.match(down.body.error.message, /database/);
        assert.equal((await node.get("/readyz")).status, 503);
      }
    } finally {
      await proxy.start();
    }
    for (const node of [api1, api2]) {
      await until(async () => ((await node.get("/readyz")).status === 200 ? true : undefined), "readyz");
      const back = await sendMessage(node, owner, guild.generalId, "database is back");
      assert.ok(back.id);
    }
  });
});
