/**
 * Turns bus events into dispatches: each event is serialized once and the same bytes go to every local session
 * that may receive it. Control events (session revocation) are handed to the gateway instead of being sent.
 */
import type { DomainEvent, Topic } from "../../events/domain-events.js";
import type { DmFeeds } from "./dm-feeds.js";
import { type DispatchTarget, encodeDispatch } from "./frames.js";
import type { GuildFeeds } from "./guild-feeds.js";

export interface FanoutControl {
  revokeSessions(event: DomainEvent<"SESSIONS_REVOKED">): void;
}

const isRevocation = (event: DomainEvent): event is DomainEvent<"SESSIONS_REVOKED"> =>
  event.type === "SESSIONS_REVOKED";

export class Fanout {
  constructor(
    private readonly sessionsOf: (userId: string) => ReadonlySet<DispatchTarget>,
    private readonly guilds: GuildFeeds,
    private readonly dms: DmFeeds,
    private readonly control: FanoutControl,
  ) {}

  readonly handle = (delivered: DomainEvent, topic: Topic, position?: string): void => {
    const event = position === undefined ? delivered : { ...delivered, position };
    if (isRevocation(event)) {
      this.control.revokeSessions(event);
      return;
    }
    if (topic.startsWith("guild:")) {
      this.guilds.handle(topic.slice(6), event);
      return;
    }
    if (topic.startsWith("channel:")) {
      this.dms.handle(topic.slice(8), event);
      return;
    }
    const userId = topic.slice(5);
    if (event.type === "GUILD_CREATE") {
      this.guilds.joined(userId, event as DomainEvent<"GUILD_CREATE">);
      return;
    }
    if (event.type === "GUILD_DELETE" && event.guild_id !== undefined) this.guilds.left(userId, event.guild_id);
    if (event.type === "DM_CHANNEL_CREATE") this.dms.join(userId, (event.data as { id: string }).id);
    if (event.type === "DM_CHANNEL_DELETE") this.dms.leave(userId, (event.data as { id: string }).id);
    this.toUser(userId, event);
  };

  private toUser(userId: string, event: DomainEvent): void {
    const sessions = this.sessionsOf(userId);
    if (sessions.size === 0) return;
    const dispatch = encodeDispatch(event.type, event.data, event.position);
    for (const session of sessions) session.deliver(dispatch);
  }
}
