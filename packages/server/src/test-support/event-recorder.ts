/**
 * Records the domain events published on a bus topic. With the Redis bus delivery is asynchronous, so tests
 * subscribe through here (which waits until the subscription is live) and wait for the events they expect.
 */
import type { Bus } from "../bus/bus.js";
import type { DomainEvent, Topic } from "../events/domain-events.js";

export interface EventRecorder {
  readonly events: (DomainEvent & { data: any })[];
  /** Resolves with the events once at least `count` have arrived; rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<EventRecorder["events"]>;
  /** Resolves with the event types once at least `count` have arrived. */
  types(count: number): Promise<string[]>;
}

export async function recordEvents(bus: Bus, topic: Topic): Promise<EventRecorder> {
  const events: EventRecorder["events"] = [];
  bus.subscribe(topic, (event) => events.push(event));
  await bus.flush();
  const waitFor = async (count: number, timeoutMs = 5000) => {
    const deadline = Date.now() + timeoutMs;
    while (events.length < count) {
      if (Date.now() > deadline) {
        throw new Error(`expected ${count} events on ${topic}, got ${events.map((e) => e.type).join(", ") || "none"}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return events;
  };
  return { events, waitFor, types: async (count) => (await waitFor(count)).map((e) => e.type) };
}
