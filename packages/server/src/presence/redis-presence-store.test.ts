import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createLogger } from "../logger.js";
import { testRedisUrl, uniqueRedisPrefix } from "../test-support/test-redis.js";
import type { PresenceLoss } from "./presence-store.js";
import { RedisPresenceStore } from "./redis-presence-store.js";

const url = testRedisUrl();
const logger = createLogger("silent");

describe("RedisPresenceStore", { skip: !url && "NEXUS_TEST_REDIS_URL is not set" }, () => {
  const stores = (nodeTtlMs: number) => {
    const prefix = uniqueRedisPrefix();
    const open = (node: string) => new RedisPresenceStore({ url: url as string, prefix, node, nodeTtlMs, logger });
    return [open("a"), open("b")] as const;
  };

  it("counts a user's sessions across nodes and keeps their chosen status", async () => {
    const [a, b] = stores(30_000);
    try {
      await a.connect("u1", "s1", { status: "dnd" });
      const both = await b.connect("u1", "s2");
      assert.deepEqual(both, { status: "dnd", custom_status: null, sessions: 2 });
      assert.equal((await a.disconnect("u1", "s1")).sessions, 1);
      assert.equal((await a.disconnect("u1", "s2")).sessions, 1, "a node cannot end another node's session");
      assert.equal((await b.disconnect("u1", "s2")).sessions, 0);
      assert.deepEqual(await a.online(["u1"]), new Map());
      assert.equal(await a.choose("u1", { status: "idle" }), undefined, "no live session, no status change");
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it("a node whose heartbeat lapsed loses its sessions, except those that moved to another node", async () => {
    const [a, b] = stores(1_000);
    try {
      await Promise.all([a.heartbeat(), b.heartbeat()]);
      await a.connect("gone", "s1");
      await a.connect("moved", "s2");
      await b.connect("moved", "s2");
      assert.deepEqual(await b.reapDeadNodes(), [], "a is alive");
      // Node a stops beating (as if killed); b keeps beating and reaps once a's heartbeat expires.
      let losses: PresenceLoss[] = [];
      const deadline = Date.now() + 30_000;
      while (losses.length === 0) {
        assert.ok(Date.now() < deadline, "a's sessions were never reaped");
        await new Promise((resolve) => setTimeout(resolve, 200));
        await b.heartbeat();
        losses = await b.reapDeadNodes();
      }
      assert.deepEqual(
        losses.map((loss) => [loss.userId, loss.before.sessions, loss.after.sessions]),
        [["gone", 1, 0]],
      );
      const online = await b.online(["gone", "moved"]);
      assert.deepEqual([...online.keys()], ["moved"]);
      assert.deepEqual(await b.reapDeadNodes(), [], "reaped once");
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
