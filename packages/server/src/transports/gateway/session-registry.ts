/** The sessions living on this node, by id and by user, with the user topics they keep subscribed. */
import { userTopic } from "../../events/domain-events.js";
import type { GatewaySession } from "./gateway-session.js";
import type { TopicSubscriptions } from "./topic-subscriptions.js";

export class SessionRegistry {
  private readonly byId = new Map<string, GatewaySession>();
  private readonly byUser = new Map<string, Set<GatewaySession>>();

  constructor(private readonly topics: TopicSubscriptions) {}

  add(session: GatewaySession): void {
    this.byId.set(session.id, session);
    let sessions = this.byUser.get(session.userId);
    if (!sessions) {
      sessions = new Set();
      this.byUser.set(session.userId, sessions);
      this.topics.retain(userTopic(session.userId));
    }
    sessions.add(session);
  }

  /** Forgets a session; returns true when it was the user's last one on this node. */
  remove(session: GatewaySession): boolean {
    if (this.byId.get(session.id) !== session) return false;
    this.byId.delete(session.id);
    const sessions = this.byUser.get(session.userId);
    if (!sessions) return false;
    sessions.delete(session);
    if (sessions.size > 0) return false;
    this.byUser.delete(session.userId);
    this.topics.release(userTopic(session.userId));
    return true;
  }

  get(id: string): GatewaySession | undefined {
    return this.byId.get(id);
  }

  /** Live sessions of a user (identified or resumable); empty when none. */
  ofUser(userId: string): ReadonlySet<GatewaySession> {
    return this.byUser.get(userId) ?? EMPTY;
  }

  hasUser(userId: string): boolean {
    return this.byUser.has(userId);
  }

  all(): IterableIterator<GatewaySession> {
    return this.byId.values();
  }

  get size(): number {
    return this.byId.size;
  }
}

const EMPTY: ReadonlySet<GatewaySession> = new Set();
