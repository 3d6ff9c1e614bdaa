/**
 * Turns bus events into dispatches: each event is serialized once and the same bytes go to every local session
 * that may receive it. Control events (session revocation) are handed to the gateway instead of being sent.
 */
import type { DomainEvent, Topic } from "../../events/domain-events.js";
import { encodeDispatch } from "./frames.js";
import type { SessionRegistry } from "./session-registry.js";

export interface FanoutControl {
  revokeSessions(event: DomainEvent<"SESSIONS_REVOKED">): void;
}

const isRevocation = (event: DomainEvent): event is DomainEvent<"SESSIONS_REVOKED"> =>
  event.type === "SESSIONS_REVOKED";

export class Fanout {
  constructor(
    private readonly registry: SessionRegistry,
    private readonly control: FanoutControl,
  ) {}

  readonly handle = (event: DomainEvent, topic: Topic): void => {
    if (isRevocation(event)) {
      this.control.revokeSessions(event);
      return;
    }
    if (topic.startsWith("user:")) this.toUser(topic.slice(5), event);
  };

  private toUser(userId: string, event: DomainEvent): void {
    const sessions = this.registry.ofUser(userId);
    if (sessions.size === 0) return;
    const dispatch = encodeDispatch(event.type, event.data);
    for (const session of sessions) session.deliver(dispatch);
  }
}
