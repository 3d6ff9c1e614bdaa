/** Publish/subscribe between services and transports: in-process for lite, Redis for scale-out. */
import type { DomainEvent, Topic } from "../events/domain-events.js";

export type BusHandler = (event: DomainEvent, topic: Topic) => void;

export interface Bus {
  /** Delivers to every subscriber of the topic on every node, in publish order per topic. */
  publish(topic: Topic, event: DomainEvent): Promise<void>;
  /** Returns a function that removes this subscription. */
  subscribe(topic: Topic, handler: BusHandler): () => void;
  /** Resolves once every subscribe and unsubscribe made so far is in effect for events published on any node. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

/** What services depend on: they publish, they never subscribe. */
export interface EventPublisher {
  publish(topic: Topic, event: DomainEvent): Promise<void>;
}
