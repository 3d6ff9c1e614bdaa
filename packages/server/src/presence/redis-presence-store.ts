/**
 * Presence in Redis, shared by every node. Per user: which of their sessions are live and on which node, and the
 * status they chose last. Per node: the sessions it serves and a heartbeat key that expires unless renewed; when
 * a node's heartbeat has expired, whichever node notices first (under a short lock) removes that node's sessions
 * that have not moved elsewhere, so its users go offline.
 */
import { Redis } from "ioredis";
import type { Logger } from "pino";
import type { PresenceChoice, PresenceLoss, PresenceStore, StoredPresence } from "./presence-store.js";

export interface RedisPresenceStoreOptions {
  url: string;
  prefix: string;
  /** This node's id, unique per process. */
  node: string;
  /** How long this node counts as alive after its last heartbeat. */
  nodeTtlMs: number;
  logger: Pick<Logger, "warn">;
}

const CONNECT = `
redis.call('HSET', KEYS[1], ARGV[2], ARGV[1])
redis.call('SADD', KEYS[3], ARGV[3] .. ' ' .. ARGV[2])
redis.call('SADD', KEYS[4], ARGV[1])
if ARGV[4] ~= '' then redis.call('SET', KEYS[2], ARGV[4]) end
return {redis.call('HLEN', KEYS[1]), redis.call('GET', KEYS[2])}`;

/** Removes the session only while `node` still serves it (it may have moved to another node). */
const DISCONNECT = `
if redis.call('HGET', KEYS[1], ARGV[2]) == ARGV[1] then
  redis.call('HDEL', KEYS[1], ARGV[2])
  redis.call('SREM', KEYS[3], ARGV[3] .. ' ' .. ARGV[2])
end
return {redis.call('HLEN', KEYS[1]), redis.call('GET', KEYS[2])}`;

const CHOOSE = `
if redis.call('HLEN', KEYS[1]) == 0 then return false end
redis.call('SET', KEYS[2], ARGV[1])
return {redis.call('HLEN', KEYS[1]), ARGV[1]}`;

type Counted = [number, string | null];

type ScriptedRedis = Redis & {
  presenceConnect(
    sessions: string,
    choice: string,
    nodeSessions: string,
    nodes: string,
    node: string,
    sessionId: string,
    userId: string,
    chosen: string,
  ): Promise<Counted>;
  presenceDisconnect(
    sessions: string,
    choice: string,
    nodeSessions: string,
    node: string,
    sessionId: string,
    userId: string,
  ): Promise<Counted>;
  presenceChoose(sessions: string, choice: string, chosen: string): Promise<Counted | null>;
};

const ONLINE_DEFAULT = { status: "online", custom_status: null } as const;

function toStored([sessions, choice]: Counted): StoredPresence {
  const chosen = choice ? (JSON.parse(choice) as Required<PresenceChoice>) : ONLINE_DEFAULT;
  return { status: chosen.status, custom_status: chosen.custom_status ?? null, sessions: Number(sessions) };
}

export class RedisPresenceStore implements PresenceStore {
  private readonly redis: ScriptedRedis;

  constructor(private readonly options: RedisPresenceStoreOptions) {
    this.redis = new Redis(options.url, { connectionName: "nexus-presence" }) as ScriptedRedis;
    this.redis.defineCommand("presenceConnect", { numberOfKeys: 4, lua: CONNECT });
    this.redis.defineCommand("presenceDisconnect", { numberOfKeys: 3, lua: DISCONNECT });
    this.redis.defineCommand("presenceChoose", { numberOfKeys: 2, lua: CHOOSE });
    this.redis.on("error", (error: Error) => options.logger.warn({ err: error }, "Redis presence store error"));
  }

  async connect(userId: string, sessionId: string, choice?: PresenceChoice): Promise<StoredPresence> {
    const { node } = this.options;
    const chosen = choice ? JSON.stringify({ status: choice.status, custom_status: choice.custom_status ?? null }) : "";
    const counted = await this.redis.presenceConnect(
      this.key("s", userId),
      this.key("c", userId),
      this.key("n", node),
      this.key("nodes"),
      node,
      sessionId,
      userId,
      chosen,
    );
    return toStored(counted);
  }

  disconnect(userId: string, sessionId: string): Promise<StoredPresence> {
    return this.disconnectFrom(this.options.node, userId, sessionId);
  }

  async choose(userId: string, choice: PresenceChoice): Promise<StoredPresence | undefined> {
    const chosen = JSON.stringify({ status: choice.status, custom_status: choice.custom_status ?? null });
    const counted = await this.redis.presenceChoose(this.key("s", userId), this.key("c", userId), chosen);
    return counted ? toStored(counted) : undefined;
  }

  async online(userIds: readonly string[]): Promise<Map<string, StoredPresence>> {
    const found = new Map<string, StoredPresence>();
    if (userIds.length === 0) return found;
    const pipeline = this.redis.pipeline();
    for (const id of userIds) {
      pipeline.hlen(this.key("s", id));
      pipeline.get(this.key("c", id));
    }
    const replies = (await pipeline.exec()) ?? [];
    userIds.forEach((id, i) => {
      const [countError, count] = replies[i * 2] ?? [];
      const [choiceError, choice] = replies[i * 2 + 1] ?? [];
      if (countError || choiceError) throw countError ?? choiceError;
      if (Number(count) > 0) found.set(id, toStored([Number(count), (choice as string | null) ?? null]));
    });
    return found;
  }

  async heartbeat(): Promise<void> {
    const { node, nodeTtlMs } = this.options;
    await this.redis.multi().set(this.key("alive", node), "1", "PX", nodeTtlMs).sadd(this.key("nodes"), node).exec();
  }

  async reapDeadNodes(): Promise<PresenceLoss[]> {
    const losses: PresenceLoss[] = [];
    for (const node of await this.redis.smembers(this.key("nodes"))) {
      if (node === this.options.node || (await this.redis.exists(this.key("alive", node)))) continue;
      // One node reaps; the lock outlives a reap so two nodes noticing at once do not both announce.
      const locked = await this.redis.set(
        this.key("reaping", node),
        this.options.node,
        "PX",
        this.options.nodeTtlMs,
        "NX",
      );
      if (!locked) continue;
      for (const member of await this.redis.smembers(this.key("n", node))) {
        const [userId = "", sessionId = ""] = member.split(" ");
        const before = (await this.online([userId])).get(userId);
        const after = await this.disconnectFrom(node, userId, sessionId);
        if (before && after.sessions < before.sessions) losses.push({ userId, before, after });
      }
      await this.redis.multi().del(this.key("n", node)).srem(this.key("nodes"), node).exec();
    }
    return losses;
  }

  async close(): Promise<void> {
    // Leaving for good: let the other nodes reap this one's sessions at once instead of after the TTL.
    await this.redis.del(this.key("alive", this.options.node)).catch(() => undefined);
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  private async disconnectFrom(node: string, userId: string, sessionId: string): Promise<StoredPresence> {
    const counted = await this.redis.presenceDisconnect(
      this.key("s", userId),
      this.key("c", userId),
      this.key("n", node),
      node,
      sessionId,
      userId,
    );
    return toStored(counted);
  }

  private key(kind: string, id = ""): string {
    return `${this.options.prefix}presence:${kind}${id ? `:${id}` : ""}`;
  }
}
