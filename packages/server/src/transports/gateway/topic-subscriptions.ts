/** Reference-counted bus subscriptions: a node subscribes to a topic once, however many local sessions need it. */
import type { Bus, BusHandler } from "../../bus/bus.js";
import type { Topic } from "../../events/domain-events.js";

export class TopicSubscriptions {
  private readonly active = new Map<Topic, { count: number; unsubscribe: () => void }>();

  constructor(
    private readonly bus: Pick<Bus, "subscribe">,
    private readonly handler: BusHandler,
  ) {}

  retain(topic: Topic): void {
    const existing = this.active.get(topic);
    if (existing) {
      existing.count++;
      return;
    }
    this.active.set(topic, { count: 1, unsubscribe: this.bus.subscribe(topic, this.handler) });
  }

  release(topic: Topic): void {
    const existing = this.active.get(topic);
    if (!existing) return;
    if (--existing.count > 0) return;
    this.active.delete(topic);
    existing.unsubscribe();
  }

  get size(): number {
    return this.active.size;
  }

  clear(): void {
    for (const { unsubscribe } of this.active.values()) unsubscribe();
    this.active.clear();
  }
}
