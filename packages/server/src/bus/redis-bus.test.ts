import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { DomainEvent, Topic } from "../events/domain-events.js";
import { createLogger } from "../logger.js";
import {
  hasRedisServerBinary,
  startPrivateRedis,
  testRedisUrl,
  uniqueRedisPrefix,
} from "../test-support/test-redis.js";
import { describeBusContract } from "./bus.contract.js";
import { comparePositions } from "./log-position.js";
import { RedisBus } from "./redis-bus.js";

const url = testRedisUrl();
const logger = createLogger("silent");

if (url) {
  describeBusContract("RedisBus", async () => {
    const prefix = uniqueRedisPrefix();
    const a = new RedisBus({ url, prefix, logger });
    const b = new RedisBus({ url, prefix, logger });
    return {
      nodes: async () => [a, b],
      close: async () => {
        await Promise.all([a.close(), b.close()]);
      },
    };
  });
}

describe("RedisBus log", { skip: !url && "NEXUS_TEST_REDIS_URL is not set" }, () => {
  it("logs every event in delivery order, and a checkpoint vouches for everything delivered before it", async () => {
    const prefix = uniqueRedisPrefix();
    const a = new RedisBus({ url: url as string, prefix, logger });
    const b = new RedisBus({ url: url as string, prefix, logger });
    try {
      const watched: Topic = "guild:1";
      const other: Topic = "guild:2";
      const positions: string[] = [];
      b.subscribe(watched, (_event, _topic, position) => positions.push(position as string));
      await b.flush();
      const start = await b.checkpoint();
      for (let n = 0; n < 20; n++) {
        await a.publish(n % 2 === 0 ? watched : other, {
          type: "SESSIONS_REVOKED",
          data: { user_id: `${n}`, session_ids: "all" },
        });
      }
      const end = await b.checkpoint();
      assert.equal(positions.length, 10, "every event on the watched topic was delivered before the checkpoint");
      assert.ok(comparePositions(start, end) < 0);
      const logged = await b.readLog(start, new Set([watched]));
      assert.deepEqual(
        logged?.map((entry) => entry.position),
        positions,
        "the log holds what was delivered, in the same order",
      );
      assert.deepEqual(
        logged?.map((entry) => (entry.event.data as { user_id: string }).user_id),
        ["0", "2", "4", "6", "8", "10", "12", "14", "16", "18"],
      );
      assert.equal(await b.readLog("1-0", new Set([watched])), undefined, "a position the log no longer holds");
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});

describe("RedisBus across a Redis restart", {
  skip: !hasRedisServerBinary() && "redis-server is not installed",
}, () => {
  it("reconnects, re-subscribes and keeps delivering in order", async () => {
    await using redis = await startPrivateRedis();
    const prefix = uniqueRedisPrefix();
    const a = new RedisBus({ url: redis.url, prefix, logger });
    const b = new RedisBus({ url: redis.url, prefix, logger });
    try {
      const topic: Topic = "guild:1";
      const received: string[] = [];
      b.subscribe(topic, (e: DomainEvent) => received.push((e.data as { user_id: string }).user_id));
      await b.flush();
      await a.publish(topic, { type: "SESSIONS_REVOKED", data: { user_id: "before", session_ids: "all" } });
      await until(() => received.includes("before"));

      await redis.kill();
      const started = Date.now();
      await a.publish(topic, { type: "SESSIONS_REVOKED", data: { user_id: "during", session_ids: "all" } });
      assert.ok(Date.now() - started < 500, "publishing while Redis is down does not stall the caller");
      await redis.start();

      // Pub/sub keeps nothing for absent subscribers: probe until the subscriber is back, then check order.
      let probe = 0;
      await until(
        () => received.some((id) => id.startsWith("probe")),
        async () => {
          await a.publish(topic, {
            type: "SESSIONS_REVOKED",
            data: { user_id: `probe${probe++}`, session_ids: "all" },
          });
        },
      );
      for (let n = 0; n < 50; n++) {
        await a.publish(topic, { type: "SESSIONS_REVOKED", data: { user_id: `after${n}`, session_ids: "all" } });
      }
      await until(() => received.filter((id) => id.startsWith("after")).length === 50);
      assert.deepEqual(
        received.filter((id) => id.startsWith("after")),
        Array.from({ length: 50 }, (_, n) => `after${n}`),
      );
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});

async function until(condition: () => boolean, step: () => Promise<void> = async () => {}, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await step();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
