/**
 * The behaviour every Bus driver promises, as one suite each driver's test file runs. `nodes()` returns buses that
 * stand for different nodes of one deployment (the memory bus, having no other nodes, returns itself twice).
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { DomainEvent, Topic } from "../events/domain-events.js";
import type { Bus } from "./bus.js";

export interface BusFixture {
  nodes(): Promise<[Bus, Bus]>;
  close(): Promise<void>;
}

let topicCounter = 0;
/** Each test gets topics no other test uses, so tests can share buses. */
const freshTopic = (): Topic => `channel:${Date.now()}${++topicCounter}`;

const event = (n: number): DomainEvent => ({
  type: "SESSIONS_REVOKED",
  data: { user_id: `${n}`, session_ids: [`${n}1`, `${n}2`] },
});

/** Resolves with the first `count` events the bus delivers on `topic`, or rejects after a timeout. */
function collect(bus: Bus, topic: Topic, count: number, timeoutMs = 5000) {
  const received: DomainEvent[] = [];
  let finish: () => void = () => {};
  const done = new Promise<DomainEvent[]>((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`received ${received.length} of ${count} events on ${topic}`));
    }, timeoutMs);
    const unsubscribe = bus.subscribe(topic, (e) => {
      received.push(e);
      if (received.length === count) finish();
    });
    finish = () => {
      clearTimeout(timer);
      unsubscribe();
      resolve(received);
    };
  });
  /** Stops listening early; `done` resolves with what arrived so far. */
  return { done, received, stop: () => finish() };
}

const settle = (ms = 100) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out waiting for delivery");
    await settle(5);
  }
}

export function describeBusContract(name: string, fixture: () => Promise<BusFixture>): void {
  describe(`${name} (bus contract)`, () => {
    let f: BusFixture;
    let a: Bus;
    let b: Bus;
    before(async () => {
      f = await fixture();
      [a, b] = await f.nodes();
    });
    after(() => f.close());

    it("delivers an event, intact, to every subscriber of its topic on every node", async () => {
      const topic = freshTopic();
      const onA = collect(a, topic, 1);
      const onB = collect(b, topic, 1);
      await Promise.all([a.flush(), b.flush()]);
      await a.publish(topic, event(7));
      assert.deepEqual(await onA.done, [event(7)]);
      assert.deepEqual(await onB.done, [event(7)]);
    });

    it("does not deliver events of other topics", async () => {
      const topic = freshTopic();
      const other = freshTopic();
      const onTopic = collect(b, topic, 1);
      const onOther = collect(b, other, 1);
      await b.flush();
      await a.publish(topic, event(1));
      await onTopic.done;
      await settle();
      onOther.stop();
      assert.deepEqual(await onOther.done, []);
    });

    it("keeps publish order per topic, also when publishes are not awaited one by one", async () => {
      const topic = freshTopic();
      const count = 300;
      const onB = collect(b, topic, count);
      await b.flush();
      await Promise.all(Array.from({ length: count }, (_, n) => a.publish(topic, event(n))));
      const got = await onB.done;
      assert.deepEqual(
        got.map((e) => (e.data as { user_id: string }).user_id),
        Array.from({ length: count }, (_, n) => `${n}`),
      );
    });

    it("delivers to a subscription made on the publishing node right before the publish", async () => {
      const topic = freshTopic();
      const onA = collect(a, topic, 1);
      await a.publish(topic, event(3));
      assert.deepEqual(await onA.done, [event(3)]);
    });

    it("stops delivering to an unsubscribed handler and keeps the other subscribers", async () => {
      const topic = freshTopic();
      const gone: DomainEvent[] = [];
      const unsubscribe = b.subscribe(topic, (e) => gone.push(e));
      const stays = collect(b, topic, 2);
      await b.flush();
      await a.publish(topic, event(1));
      await waitFor(() => stays.received.length === 1 && gone.length === 1);
      unsubscribe();
      await b.flush();
      await a.publish(topic, event(2));
      assert.deepEqual(await stays.done, [event(1), event(2)]);
      assert.deepEqual(gone, [event(1)]);
    });

    it("delivers nothing after the last handler of a topic leaves", async () => {
      const topic = freshTopic();
      const received: DomainEvent[] = [];
      const unsubscribe = b.subscribe(topic, (e) => received.push(e));
      await b.flush();
      unsubscribe();
      await b.flush();
      await a.publish(topic, event(1));
      await settle();
      assert.deepEqual(received, []);
    });
  });
}
