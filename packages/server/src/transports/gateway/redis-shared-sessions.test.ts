/**
 * The shared replay buffer on the fan-out's hot path: every append of one event-loop turn (all recipients of an
 * event, all events of the turn) reaches Redis as one script call, and each entry is still checked for ownership.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Redis } from "ioredis";
import { createLogger } from "../../logger.js";
import { hasRedisServerBinary, startPrivateRedis } from "../../test-support/test-redis.js";
import { RedisSharedSessions } from "./redis-shared-sessions.js";

const limits = { maxEvents: 100, maxAgeMs: 60_000 };
const record = { userId: "u1", authSessionId: "auth1", intents: null };

/** Script calls Redis ran since its statistics were last reset. */
async function scriptCalls(redis: Redis): Promise<number> {
  const stats = await redis.info("commandstats");
  let calls = 0;
  for (const match of stats.matchAll(/^cmdstat_(?:evalsha|eval):calls=(\d+)/gm)) calls += Number(match[1]);
  return calls;
}

describe("RedisSharedSessions appends", { skip: !hasRedisServerBinary() && "needs redis-server" }, () => {
  it("stores a turn's appends for many sessions in one call, in order, skipping sessions another node took", async () => {
    await using server = await startPrivateRedis();
    const open = (node: string) =>
      new RedisSharedSessions({
        url: server.url,
        prefix: "t:",
        node,
        ttlMs: 60_000,
        logger: createLogger("silent"),
      });
    const a = open("a");
    const b = open("b");
    const admin = new Redis(server.url);
    try {
      const ids = Array.from({ length: 100 }, (_, n) => `s${n}`);
      await Promise.all(ids.map((id) => a.open(id, record, "0-1")));
      const buffers = ids.map((id) => a.replayBuffer(id, limits));
      assert.equal(await buffers[0]?.append(1, Buffer.from("warm"), Date.now()), "stored");
      assert.ok(await b.takeOver("s7", "u1"), "b serves s7 now");
      await admin.config("RESETSTAT");

      const outcomes = buffers.flatMap((buffer, n) => {
        const seq = n === 0 ? 2 : 1;
        return [
          buffer.append(seq, Buffer.from("first"), Date.now(), "1-0"),
          buffer.append(seq + 1, Buffer.from("second"), Date.now(), "2-0"),
        ];
      });
      const settled = await Promise.all(outcomes);

      assert.equal(await scriptCalls(admin), 1, "200 appends in one turn cost one script call");
      assert.deepEqual(
        settled.map((outcome, i) => [ids[Math.floor(i / 2)], outcome]).filter(([, outcome]) => outcome !== "stored"),
        [
          ["s7", "moved"],
          ["s7", "moved"],
        ],
      );
      const taken = await b.takeOver("s3", "u1");
      assert.equal(taken?.lastSeq, 2);
      assert.deepEqual(
        taken?.entries.map((entry) => [entry.seq, entry.body.toString(), entry.position]),
        [
          [1, "first", "1-0"],
          [2, "second", "2-0"],
        ],
      );
      assert.equal((await b.takeOver("s7", "u1"))?.entries.length, 0, "nothing was written into b's session");
    } finally {
      admin.disconnect();
      await Promise.all([a.close(), b.close()]);
    }
  });
});
