/**
 * The scale-out bus: Redis pub/sub, one channel per topic under the deployment's prefix. Each node keeps one
 * connection for publishing and one for subscribing; Redis relays a connection's publishes in the order sent, so
 * per-topic publish order holds between nodes. Pub/sub is at-most-once: a node that is disconnected misses what
 * was published meanwhile. So that a gateway session can move to another node without a gap, every publish also
 * appends the event to a log (a Redis stream kept for `logRetentionMs`) in the same script, which makes the log
 * order the delivery order; each delivered message carries its log position.
 */
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import type { Logger } from "pino";
import type { DomainEvent, Topic } from "../events/domain-events.js";
import type { Bus, BusHandler, LoggedEvent } from "./bus.js";

export interface RedisBusOptions {
  url: string;
  /** Prepended to every channel, e.g. "nexus:", so deployments can share one Redis. */
  prefix: string;
  logger: Pick<Logger, "warn" | "error" | "info">;
  /** How long the log keeps events: at least as long as a gateway session may wait to resume. */
  logRetentionMs?: number;
}

/** Appends to the log and publishes with the log position in front, atomically, so both orders agree. */
const PUBLISH_SCRIPT = `
local id = redis.call('XADD', KEYS[1], 'MINID', '~', ARGV[1], '*', 't', ARGV[2], 'e', ARGV[3])
redis.call('PUBLISH', KEYS[2], id .. ' ' .. ARGV[3])
return id`;

type ScriptedRedis = Redis & {
  logAndPublish(log: string, channel: string, minId: string, topic: string, payload: string): Promise<string>;
};

const LOG_PAGE = 1000;
const CHECKPOINT_TIMEOUT_MS = 10_000;

export class RedisBus implements Bus {
  private readonly publisher: ScriptedRedis;
  private readonly subscriber: Redis;
  private readonly handlers = new Map<Topic, Set<BusHandler>>();
  private readonly channelPrefix: string;
  private readonly logKey: string;
  private readonly logRetentionMs: number;
  /** This node's own channel: checkpoint ticks come back on it. */
  private readonly tickChannel: string;
  private readonly ticks = new Map<string, (position: string) => void>();
  private tickCounter = 0;
  private readonly logger: RedisBusOptions["logger"];
  /** Settles after every (un)subscribe sent so far; publishes wait for it so local subscribers never miss one. */
  private settled: Promise<void> = Promise.resolve();

  constructor({ url, prefix, logger, logRetentionMs = 10 * 60_000 }: RedisBusOptions) {
    this.channelPrefix = `${prefix}bus:`;
    this.logKey = `${prefix}log`;
    this.logRetentionMs = logRetentionMs;
    this.tickChannel = `${prefix}node:${randomBytes(8).toString("hex")}`;
    this.logger = logger;
    // Commands issued while Redis is unreachable queue in order and go out on reconnect (ioredis' offline
    // queue, bounded by its per-request retries); the subscriber re-subscribes every channel on reconnect.
    this.publisher = new Redis(url, { connectionName: "nexus-bus-pub" }) as ScriptedRedis;
    this.publisher.defineCommand("logAndPublish", { numberOfKeys: 2, lua: PUBLISH_SCRIPT });
    this.subscriber = new Redis(url, { connectionName: "nexus-bus-sub", autoResubscribe: true });
    for (const [role, connection] of [
      ["publisher", this.publisher],
      ["subscriber", this.subscriber],
    ] as const) {
      connection.on("error", (error: Error) => logger.warn({ err: error, role }, "Redis bus connection error"));
      connection.on("reconnecting", () => logger.warn({ role }, "Redis bus reconnecting"));
      connection.on("ready", () => logger.info({ role }, "Redis bus connected"));
    }
    this.subscriber.on("message", (channel: string, message: string) => this.deliver(channel, message));
    this.track(this.subscriber.subscribe(this.tickChannel), this.tickChannel);
  }

  async publish(topic: Topic, event: DomainEvent): Promise<void> {
    await this.settled;
    // Not awaited: the write behind this event has committed, so a Redis outage must not fail or stall the
    // request. ioredis sends in call order, which is what keeps per-topic order.
    this.append(this.channelPrefix + topic, topic, JSON.stringify(event)).catch((error: unknown) => {
      this.logger.error({ err: error, topic, type: event.type }, "Redis bus dropped an event");
    });
  }

  /** Publishes a tick to this node's own channel through the log; its position comes back once it is delivered. */
  async checkpoint(): Promise<string> {
    await this.settled;
    const tick = `${++this.tickCounter}`;
    let timer: NodeJS.Timeout | undefined;
    const delivered = new Promise<string>((resolve, reject) => {
      this.ticks.set(tick, resolve);
      // Pub/sub drops messages while the subscriber reconnects; a lost tick must not wait forever.
      timer = setTimeout(() => {
        this.ticks.delete(tick);
        reject(new Error("checkpoint tick not delivered in time"));
      }, CHECKPOINT_TIMEOUT_MS).unref();
    });
    try {
      await this.append(this.tickChannel, "", tick);
      return await delivered;
    } finally {
      clearTimeout(timer);
      this.ticks.delete(tick);
    }
  }

  async readLog(after: string, topics: ReadonlySet<Topic>): Promise<LoggedEvent[] | undefined> {
    // The entry at `after` itself must still be there, or events right after it may have been trimmed.
    if ((await this.publisher.xrange(this.logKey, after, after)).length === 0) return undefined;
    const found: LoggedEvent[] = [];
    let from = after;
    for (;;) {
      const page = await this.publisher.xrange(this.logKey, `(${from}`, "+", "COUNT", LOG_PAGE);
      for (const [position, fields] of page) {
        const topic = fields[1] as Topic;
        if (!topics.has(topic)) continue;
        const event = this.parse(fields[3] ?? "", topic);
        if (event) found.push({ position, topic, event });
      }
      if (page.length < LOG_PAGE) return found;
      from = (page[page.length - 1] as [string, string[]])[0];
    }
  }

  private append(channel: string, topic: string, payload: string): Promise<string> {
    const minId = `${Date.now() - this.logRetentionMs}-0`;
    return this.publisher.logAndPublish(this.logKey, channel, minId, topic, payload);
  }

  subscribe(topic: Topic, handler: BusHandler): () => void {
    let handlers = this.handlers.get(topic);
    if (!handlers) {
      handlers = new Set();
      this.handlers.set(topic, handlers);
      this.track(this.subscriber.subscribe(this.channelPrefix + topic), topic);
    }
    handlers.add(handler);
    return () => {
      if (!handlers.delete(handler) || handlers.size > 0 || this.handlers.get(topic) !== handlers) return;
      this.handlers.delete(topic);
      this.track(this.subscriber.unsubscribe(this.channelPrefix + topic), topic);
    };
  }

  flush(): Promise<void> {
    return this.settled;
  }

  async close(): Promise<void> {
    this.handlers.clear();
    await Promise.all(
      [this.publisher, this.subscriber].map((connection) =>
        connection.quit().then(
          () => undefined,
          () => connection.disconnect(),
        ),
      ),
    );
  }

  private parse(payload: string, topic: Topic): DomainEvent | undefined {
    try {
      return JSON.parse(payload) as DomainEvent;
    } catch (error) {
      this.logger.error({ err: error, topic }, "Redis bus received a message that is not JSON");
      return undefined;
    }
  }

  private track(command: Promise<unknown>, topic: string): void {
    const done = command.then(
      () => undefined,
      (error: unknown) => this.logger.error({ err: error, topic }, "Redis bus (un)subscribe failed"),
    );
    this.settled = Promise.all([this.settled, done]).then(() => undefined);
  }

  private deliver(channel: string, message: string): void {
    const space = message.indexOf(" ");
    const position = message.slice(0, space);
    const payload = message.slice(space + 1);
    if (channel === this.tickChannel) {
      this.ticks.get(payload)?.(position);
      this.ticks.delete(payload);
      return;
    }
    if (!channel.startsWith(this.channelPrefix)) return;
    const topic = channel.slice(this.channelPrefix.length) as Topic;
    const handlers = this.handlers.get(topic);
    if (!handlers) return;
    const event = this.parse(payload, topic);
    if (!event) return;
    for (const handler of handlers) {
      try {
        handler(event, topic, position);
      } catch (error) {
        this.logger.error({ err: error, topic, type: event.type }, "bus subscriber failed");
      }
    }
  }
}
