/**
 * Direct-message delivery on this node: DM channels have their own bus topic (channel:<id>) and a fixed set of
 * recipients, so the audience is simply the local users in that channel. Membership follows DM_CHANNEL_CREATE /
 * DM_CHANNEL_DELETE on each user's topic.
 */
import { channelTopic, type DomainEvent } from "../../events/domain-events.js";
import { type DispatchTarget, type EncodedDispatch, encodeDispatch } from "./frames.js";
import type { TopicSubscriptions } from "./topic-subscriptions.js";

export interface DmFeedsDeps {
  topics: TopicSubscriptions;
  sessionsOf(userId: string): ReadonlySet<DispatchTarget>;
}

export class DmFeeds {
  /** Channel id → local users in it. */
  private readonly recipients = new Map<string, Set<string>>();
  private readonly channelsOfUser = new Map<string, Set<string>>();

  constructor(private readonly deps: DmFeedsDeps) {}

  /** A user's first session on this node, with the DM channels they are in. */
  trackUser(userId: string, channelIds: readonly string[]): void {
    if (this.channelsOfUser.has(userId)) return;
    this.channelsOfUser.set(userId, new Set());
    for (const channelId of channelIds) this.join(userId, channelId);
  }

  untrackUser(userId: string): void {
    for (const channelId of this.channelsOfUser.get(userId) ?? []) this.leave(userId, channelId);
    this.channelsOfUser.delete(userId);
  }

  join(userId: string, channelId: string): void {
    const channels = this.channelsOfUser.get(userId);
    if (!channels || channels.has(channelId)) return;
    channels.add(channelId);
    let users = this.recipients.get(channelId);
    if (!users) {
      users = new Set();
      this.recipients.set(channelId, users);
    }
    users.add(userId);
    this.deps.topics.retain(channelTopic(channelId));
  }

  leave(userId: string, channelId: string): void {
    if (!this.channelsOfUser.get(userId)?.delete(channelId)) return;
    const users = this.recipients.get(channelId);
    users?.delete(userId);
    if (users?.size === 0) this.recipients.delete(channelId);
    this.deps.topics.release(channelTopic(channelId));
  }

  /** An event on channel:<id>: one serialization for every local recipient. */
  handle(channelId: string, event: DomainEvent): void {
    const users = this.recipients.get(channelId);
    if (!users || users.size === 0) return;
    const typist = event.type === "TYPING_START" ? (event.data as { user_id: string }).user_id : undefined;
    this.send(users, encodeDispatch(event.type, event.data, event.position), typist);
  }

  private send(userIds: Iterable<string>, dispatch: EncodedDispatch, except?: string): void {
    for (const userId of userIds) {
      if (userId === except) continue;
      for (const session of this.deps.sessionsOf(userId)) session.deliver(dispatch);
    }
  }
}
