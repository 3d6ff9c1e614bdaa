/**
 * The scale-out bus: Redis pub/sub, one channel per topic under the deployment's prefix. Each node keeps one
 * connection for publishing and one for subscribing; Redis relays a connection's publishes in the order sent, so
 * per-topic publish order holds between nodes. Pub/sub is at-most-once: a node that is disconnected misses what
 * was published meanwhile (gateway resume covers clients; see docs/self-hosting.md).
 */
import { Redis } from "ioredis";
import type { Logger } from "pino";
import type { DomainEvent, Topic } from "../events/domain-events.js";
import type { Bus, BusHandler } from "./bus.js";

export interface RedisBusOptions {
  url: string;
  /** Prepended to every channel, e.g. "nexus:", so deployments can share one Redis. */
  prefix: string;
  logger: Pick<Logger, "warn" | "error" | "info">;
}

export class RedisBus implements Bus {
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly handlers = new Map<Topic, Set<BusHandler>>();
  private readonly channelPrefix: string;
  private readonly logger: RedisBusOptions["logger"];
  /** Settles after every (un)subscribe sent so far; publishes wait for it so local subscribers never miss one. */
  private settled: Promise<void> = Promise.resolve();

  constructor({ url, prefix, logger }: RedisBusOptions) {
    this.channelPrefix = `${prefix}bus:`;
    this.logger = logger;
    // Commands issued while Redis is unreachable queue in order and go out on reconnect (ioredis' offline
    // queue, bounded by its per-request retries); the subscriber re-subscribes every channel on reconnect.
    this.publisher = new Redis(url, { connectionName: "nexus-bus-pub" });
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
  }

  async publish(topic: Topic, event: DomainEvent): Promise<void> {
    await this.settled;
    // Not awaited: the write behind this event has committed, so a Redis outage must not fail or stall the
    // request. ioredis sends in call order, which is what keeps per-topic order.
    this.publisher.publish(this.channelPrefix + topic, JSON.stringify(event)).catch((error: unknown) => {
      this.logger.error({ err: error, topic, type: event.type }, "Redis bus dropped an event");
    });
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

  private track(command: Promise<unknown>, topic: Topic): void {
    const done = command.then(
      () => undefined,
      (error: unknown) => this.logger.error({ err: error, topic }, "Redis bus (un)subscribe failed"),
    );
    this.settled = Promise.all([this.settled, done]).then(() => undefined);
  }

  private deliver(channel: string, message: string): void {
    if (!channel.startsWith(this.channelPrefix)) return;
    const topic = channel.slice(this.channelPrefix.length) as Topic;
    const handlers = this.handlers.get(topic);
    if (!handlers) return;
    let event: DomainEvent;
    try {
      event = JSON.parse(message) as DomainEvent;
    } catch (error) {
      this.logger.error({ err: error, topic }, "Redis bus received a message that is not JSON");
      return;
    }
    for (const handler of handlers) {
      try {
        handler(event, topic);
      } catch (error) {
        this.logger.error({ err: error, topic, type: event.type }, "bus subscriber failed");
      }
    }
  }
}
