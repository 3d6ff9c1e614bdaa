/**
 * The typed map of domain events. Services publish them on the bus after a write commits; the gateway turns them
 * into dispatches. Each event is self-contained JSON (no live objects), so it can cross Redis and, later, be
 * canonicalized and signed for federation. Keys are the wire dispatch names.
 */
import type { CurrentUser } from "@nexus/protocol";

export interface DomainEventMap {
  USER_UPDATE: CurrentUser;
  /** Every session of these users must end now (logout, password change, account deletion). */
  SESSIONS_REVOKED: { user_id: string; session_ids: string[] | "all"; except_session_id?: string };
}

export type DomainEventType = keyof DomainEventMap;

export interface DomainEvent<K extends DomainEventType = DomainEventType> {
  type: K;
  /** The guild this concerns, if any. */
  guild_id?: string;
  /** The channel this concerns, if any: only members who can VIEW it receive it. */
  channel_id?: string;
  data: DomainEventMap[K];
}

/** Bus topics: one per guild, per channel outside guilds (DMs), and per user. */
export type Topic = `guild:${string}` | `channel:${string}` | `user:${string}`;

export const guildTopic = (id: string): Topic => `guild:${id}`;
export const channelTopic = (id: string): Topic => `channel:${id}`;
export const userTopic = (id: string): Topic => `user:${id}`;
