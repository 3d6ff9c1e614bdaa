/** The lite bus: synchronous in-process fan-out, so events reach the gateway in publish order. */
import type { DomainEvent, Topic } from "../events/domain-events.js";
import type { Bus, BusHandler } from "./bus.js";

export class MemoryBus implements Bus {
  private readonly handlers = new Map<Topic, Set<BusHandler>>();

  async publish(topic: Topic, event: DomainEvent): Promise<void> {
    const handlers = this.handlers.get(topic);
    if (!handlers) return;
    for (const handler of handlers) handler(event, topic);
  }

  subscribe(topic: Topic, handler: BusHandler): () => void {
    let handlers = this.handlers.get(topic);
    if (!handlers) {
      handlers = new Set();
      this.handlers.set(topic, handlers);
    }
    handlers.add(handler);
    return () => {
      handlers.delete(handler);
      if (handlers.size === 0) this.handlers.delete(topic);
    };
  }

  /** Subscriptions take effect at once in-process. */
  async flush(): Promise<void> {}

  async checkpoint(): Promise<undefined> {
    return undefined;
  }

  async readLog(): Promise<undefined> {
    return undefined;
  }

  async close(): Promise<void> {
    this.handlers.clear();
  }
}
