/** Publish/subscribe between services and transports: in-process for lite, Redis for scale-out. */
import type { DomainEvent, Topic } from "../events/domain-events.js";

/** `position`: where the event stands in the bus's log (see checkpoint), when the bus keeps one. */
export type BusHandler = (event: DomainEvent, topic: Topic, position?: string) => void;

export interface LoggedEvent {
  position: string;
  topic: Topic;
  event: DomainEvent;
}

export interface Bus {
  /** Delivers to every subscriber of the topic on every node, in publish order per topic. */
  publish(topic: Topic, event: DomainEvent): Promise<void>;
  /** Returns a function that removes this subscription. */
  subscribe(topic: Topic, handler: BusHandler): () => void;
  /** Resolves once every subscribe and unsubscribe made so far is in effect for events published on any node. */
  flush(): Promise<void>;
  /**
   * A log position such that every event at or before it, on a topic this node subscribes to, has been handed to
   * its handlers. Undefined when the bus keeps no log (the memory bus: lite sessions never move between nodes).
   */
  checkpoint(): Promise<string | undefined>;
  /** Events on `topics` after `position`, oldest first; undefined when the log no longer reaches back that far. */
  readLog(after: string, topics: ReadonlySet<Topic>): Promise<LoggedEvent[] | undefined>;
  close(): Promise<void>;
}

/** What services depend on: they publish, they never subscribe. */
export interface EventPublisher {
  publish(topic: Topic, event: DomainEvent): Promise<void>;
}
