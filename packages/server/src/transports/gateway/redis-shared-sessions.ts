/**
 * Shared gateway sessions in Redis. Per session: a hash (who it belongs to, which node serves it, its last
 * sequence number, the log position it went live at) and a list of replay entries; per node: its last checkpoint
 * (every event up to there is in its sessions' lists). Writes check, in the same script, that this node still
 * serves the session, so a node that lost a session to another can never write into it again.
 *
 * Appends are the fan-out's hot path (one per recipient session per event), so those made in one event-loop turn go
 * to Redis together: one script call per turn, however many sessions and events, each entry still checked for
 * ownership on its own.
 */
import { Redis } from "ioredis";
import type { Logger } from "pino";
import { laterPosition } from "../../bus/log-position.js";
import { type AppendOutcome, MemoryReplayBuffer, type ReplayBuffer, type ReplayLimits } from "./replay-buffer.js";
import type { SharedSessionRecord, SharedSessions, StoredReplayEntry, TakenSession } from "./shared-sessions.js";

export interface RedisSharedSessionsOptions {
  url: string;
  prefix: string;
  /** This node's id, unique per process. */
  node: string;
  /** How long a session's keys outlive its last write or refresh. */
  ttlMs: number;
  logger: Pick<Logger, "warn" | "info">;
}

// KEYS: meta and list key per entry; ARGV: node, ttl, then entry, seq and buffer size per entry. Returns 1 (stored)
// or 0 (another node serves the session) per entry, in order.
const APPEND_ALL = `
local node, ttl = ARGV[1], ARGV[2]
local outcomes = {}
for i = 1, #KEYS / 2 do
  local meta, list, a = KEYS[2 * i - 1], KEYS[2 * i], 3 * i
  local owner = redis.call('HGET', meta, 'node')
  if owner and owner ~= node then
    outcomes[i] = 0
  else
    redis.call('RPUSH', list, ARGV[a])
    redis.call('LTRIM', list, -tonumber(ARGV[a + 2]), -1)
    redis.call('PEXPIRE', list, ttl)
    redis.call('HSET', meta, 'seq', ARGV[a + 1], 'node', node)
    redis.call('PEXPIRE', meta, ttl)
    outcomes[i] = 1
  end
end
return outcomes`;

/** Entries per script call: bounds how long one call holds Redis, and its argument count. */
const MAX_APPENDS_PER_CALL = 512;

interface PendingAppend {
  sessionId: string;
  entry: Buffer;
  seq: number;
  maxEvents: number;
  resolve(outcome: AppendOutcome): void;
  reject(error: unknown): void;
}

const OPEN = `
redis.call('HSET', KEYS[1], 'user', ARGV[2], 'auth', ARGV[3], 'intents', ARGV[4], 'since', ARGV[5])
redis.call('HSETNX', KEYS[1], 'node', ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[6])
return 1`;

// The old node's checkpoint only vouches for sessions it had finished adopting; mid-adoption, the mark the
// adoption started from stands.
const TAKE = `
if redis.call('HGET', KEYS[1], 'user') ~= ARGV[2] then return false end
local old = redis.call('HGET', KEYS[1], 'node')
local mark = false
if old and redis.call('HGET', KEYS[1], 'adopting') ~= '1' then mark = redis.call('GET', ARGV[3] .. old) end
if not mark then mark = redis.call('HGET', KEYS[1], 'mark') end
redis.call('HSET', KEYS[1], 'node', ARGV[1], 'adopting', '1')
if mark then redis.call('HSET', KEYS[1], 'mark', mark) end
return {redis.call('HGETALL', KEYS[1]), redis.call('LRANGE', KEYS[2], 0, -1)}`;

const ADOPTED = `
if redis.call('HGET', KEYS[1], 'node') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'since', ARGV[2])
return redis.call('HDEL', KEYS[1], 'adopting', 'mark')`;

const FORGET = `
local owner = redis.call('HGET', KEYS[1], 'node')
if owner and owner ~= ARGV[1] then return 0 end
return redis.call('DEL', KEYS[1], KEYS[2])`;

type ScriptedRedis = Redis & {
  appendEntries(keyCount: number, ...keysThenArgs: (string | number | Buffer)[]): Promise<number[]>;
  openSession(
    meta: string,
    node: string,
    user: string,
    auth: string,
    intents: string,
    since: string,
    ttl: number,
  ): Promise<number>;
  takeSession(
    meta: string,
    list: string,
    node: string,
    user: string,
    markPrefix: string,
  ): Promise<[string[], string[]] | null>;
  adoptedSession(meta: string, node: string, through: string): Promise<number>;
  forgetSession(meta: string, list: string, node: string): Promise<number>;
};

export class RedisSharedSessions implements SharedSessions {
  private readonly redis: ScriptedRedis;
  /** Appends made this turn, stored together once it ends. */
  private pendingAppends: PendingAppend[] = [];

  constructor(private readonly options: RedisSharedSessionsOptions) {
    this.redis = new Redis(options.url, { connectionName: "nexus-gateway-sessions" }) as ScriptedRedis;
    this.redis.defineCommand("appendEntries", { lua: APPEND_ALL });
    this.redis.defineCommand("openSession", { numberOfKeys: 1, lua: OPEN });
    this.redis.defineCommand("takeSession", { numberOfKeys: 2, lua: TAKE });
    this.redis.defineCommand("forgetSession", { numberOfKeys: 2, lua: FORGET });
    this.redis.defineCommand("adoptedSession", { numberOfKeys: 1, lua: ADOPTED });
    this.redis.on("error", (error: Error) => options.logger.warn({ err: error }, "Redis session store error"));
  }

  replayBuffer(sessionId: string, limits: ReplayLimits, seed: readonly StoredReplayEntry[] = []): ReplayBuffer {
    const local = new MemoryReplayBuffer(limits);
    for (const entry of seed) local.append(entry.seq, entry.body, entry.at);
    return {
      append: (seq, body, at, position) => {
        local.append(seq, body, at);
        return this.append(sessionId, limits.maxEvents, seq, body, at, position);
      },
      after: (seq, now) => local.after(seq, now),
      clear: () => {
        local.clear();
        this.forget(sessionId).catch((error: unknown) =>
          this.options.logger.warn({ err: error }, "could not forget a gateway session"),
        );
      },
    };
  }

  async open(sessionId: string, record: SharedSessionRecord, since: string): Promise<void> {
    const intents = record.intents ? JSON.stringify(record.intents) : "";
    await this.redis.openSession(
      this.metaKey(sessionId),
      this.options.node,
      record.userId,
      record.authSessionId,
      intents,
      since,
      this.options.ttlMs,
    );
  }

  async forget(sessionId: string): Promise<void> {
    await this.redis.forgetSession(this.metaKey(sessionId), this.listKey(sessionId), this.options.node);
  }

  async adopted(sessionId: string, through: string): Promise<void> {
    await this.redis.adoptedSession(this.metaKey(sessionId), this.options.node, through);
  }

  async owns(sessionId: string): Promise<boolean> {
    const owner = await this.redis.hget(this.metaKey(sessionId), "node");
    return owner === null || owner === this.options.node;
  }

  async takeOver(sessionId: string, userId: string): Promise<TakenSession | undefined> {
    const taken = await this.redis.takeSession(
      this.metaKey(sessionId),
      this.listKey(sessionId),
      this.options.node,
      userId,
      this.markKey(""),
    );
    if (!taken) return undefined;
    const [flat, rawEntries] = taken;
    const meta = new Map<string, string>();
    for (let i = 0; i + 1 < flat.length; i += 2) meta.set(flat[i] as string, flat[i + 1] as string);
    const since = meta.get("since");
    const intents = meta.get("intents");
    return {
      userId,
      authSessionId: meta.get("auth") ?? "",
      intents: intents ? (JSON.parse(intents) as string[]) : null,
      lastSeq: Number(meta.get("seq") ?? 1),
      entries: rawEntries.map(parseEntry),
      // Without `since` the session never finished going live, so nothing says where it could pick up.
      resumeFrom: since ? laterPosition(since, meta.get("mark")) : undefined,
    };
  }

  async mark(position: string): Promise<void> {
    await this.redis.set(this.markKey(this.options.node), position, "PX", this.options.ttlMs);
  }

  async refresh(sessionIds: readonly string[]): Promise<void> {
    const pipeline = this.redis.pipeline();
    for (const id of sessionIds) {
      pipeline.pexpire(this.metaKey(id), this.options.ttlMs);
      pipeline.pexpire(this.listKey(id), this.options.ttlMs);
    }
    await pipeline.exec();
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  /** Settles once the entry is stored (or found to belong to another node), together with the turn's others. */
  private append(
    sessionId: string,
    maxEvents: number,
    seq: number,
    body: Buffer,
    at: number,
    position: string | undefined,
  ): Promise<AppendOutcome> {
    const entry = Buffer.concat([Buffer.from(`${seq} ${at} ${position ?? "-"} `), body]);
    return new Promise((resolve, reject) => {
      if (this.pendingAppends.length === 0) setImmediate(this.storePendingAppends);
      this.pendingAppends.push({ sessionId, entry, seq, maxEvents, resolve, reject });
    });
  }

  // Calls go out in turn order on one connection and Redis answers in order, so each session's entries are stored,
  // and its frames released, in sequence order.
  private readonly storePendingAppends = (): void => {
    const pending = this.pendingAppends;
    this.pendingAppends = [];
    for (let start = 0; start < pending.length; start += MAX_APPENDS_PER_CALL) {
      this.storeAppends(pending.slice(start, start + MAX_APPENDS_PER_CALL));
    }
  };

  private storeAppends(appends: PendingAppend[]): void {
    const keys: string[] = [];
    const args: (string | number | Buffer)[] = [this.options.node, this.options.ttlMs];
    for (const append of appends) {
      keys.push(this.metaKey(append.sessionId), this.listKey(append.sessionId));
      args.push(append.entry, append.seq, append.maxEvents);
    }
    this.redis.appendEntries(keys.length, ...keys, ...args).then(
      (outcomes) => {
        for (const [i, append] of appends.entries()) append.resolve(outcomes[i] === 1 ? "stored" : "moved");
      },
      (error: unknown) => {
        for (const append of appends) append.reject(error);
      },
    );
  }

  private metaKey(sessionId: string): string {
    return `${this.options.prefix}gw:s:${sessionId}`;
  }

  private listKey(sessionId: string): string {
    return `${this.options.prefix}gw:r:${sessionId}`;
  }

  private markKey(node: string): string {
    return `${this.options.prefix}gw:mark:${node}`;
  }
}

/** "<seq> <at> <position or -> <body>" */
function parseEntry(raw: string): StoredReplayEntry {
  const first = raw.indexOf(" ");
  const second = raw.indexOf(" ", first + 1);
  const third = raw.indexOf(" ", second + 1);
  const position = raw.slice(second + 1, third);
  const entry: StoredReplayEntry = {
    seq: Number(raw.slice(0, first)),
    at: Number(raw.slice(first + 1, second)),
    body: Buffer.from(raw.slice(third + 1), "utf8"),
  };
  if (position !== "-") entry.position = position;
  return entry;
}
