/**
 * The typed map of domain events. Services publish them on the bus after a write commits; the gateway turns them
 * into dispatches. Each event is self-contained JSON (no live objects), so it can cross Redis and, later, be
 * canonicalized and signed for federation. Keys are the wire dispatch names.
 */
import type {
  Ban,
  Channel,
  CurrentUser,
  DmChannel,
  Guild,
  GuildBanRemoveEvent,
  GuildDeleteEvent,
  GuildEmojisUpdateEvent,
  GuildMemberRemoveEvent,
  GuildRoleDeleteEvent,
  GuildRoleEvent,
  GuildSnapshot,
  Invite,
  InviteDeleteEvent,
  LinkPreviewSettingsUpdateEvent,
  Member,
  Message,
  NotificationSetting,
  PermissionName,
  Presence,
  PresenceSettings,
  ReactionEmoji,
  ReadState,
  Relationship,
  RelationshipType,
  Thread,
  ThreadMember,
  TypingStart,
} from "@nexus/protocol";

/** Where a message-level event happened; guild_id is null in DM channels. */
interface MessageLocation {
  channel_id: string;
  guild_id: string | null;
}

interface ReactionEvent extends MessageLocation {
  message_id: string;
  user_id: string;
  emoji: ReactionEmoji;
}

export interface DomainEventMap {
  USER_UPDATE: CurrentUser;
  /** Every session of these users must end now (logout, password change, account deletion). */
  SESSIONS_REVOKED: { user_id: string; session_ids: string[] | "all"; except_session_id?: string };

  // Communities. Published on guild:<id> unless noted; payload schemas are in protocol/src/guild-events.ts.
  /** On user:<id> only: the guild became available to that user (they created or joined it). All channels are
   * included; keep only those the user can view. */
  GUILD_CREATE: GuildSnapshot;
  GUILD_UPDATE: Guild;
  /** On guild:<id> when the guild is deleted; on user:<id> when that user left, was kicked or was banned. */
  GUILD_DELETE: GuildDeleteEvent;
  /** channel_id is set: deliver to members who can VIEW the channel (after the change). */
  CHANNEL_CREATE: Channel;
  CHANNEL_UPDATE: Channel;
  CHANNEL_DELETE: Channel;
  GUILD_ROLE_CREATE: GuildRoleEvent;
  GUILD_ROLE_UPDATE: GuildRoleEvent;
  GUILD_ROLE_DELETE: GuildRoleDeleteEvent;
  GUILD_MEMBER_ADD: Member;
  GUILD_MEMBER_UPDATE: Member;
  GUILD_MEMBER_REMOVE: GuildMemberRemoveEvent;
  /** permission BAN_MEMBERS: only moderators receive it. */
  GUILD_BAN_ADD: Ban;
  GUILD_BAN_REMOVE: GuildBanRemoveEvent;
  /** channel_id and permission MANAGE_CHANNELS are set. */
  INVITE_CREATE: Invite;
  INVITE_DELETE: InviteDeleteEvent;
  GUILD_EMOJIS_UPDATE: GuildEmojisUpdateEvent;
  /** guild:<id> with permission MANAGE_GUILD for a server's switch; user:<id> for a user's own. */
  LINK_PREVIEW_SETTINGS_UPDATE: LinkPreviewSettingsUpdateEvent;

  // Gateway. PRESENCE_UPDATE goes to each guild:<id> the user is in (guild_id set, so members receive it);
  // USER_SETTINGS_UPDATE to user:<id>, so the user's other sessions learn their own (possibly invisible) status.
  PRESENCE_UPDATE: Presence;
  USER_SETTINGS_UPDATE: PresenceSettings;
  /** channel_id set: only members who can VIEW the channel receive it. */
  TYPING_START: TypingStart;

  // Messaging. Guild channels and threads publish on guild:<id> (threads with the parent as channel_id), DM
  // channels on channel:<id>, per-user state on user:<id>.
  /** Reactions carry `me: false`: each client keeps its own `me` from the reaction events it sees. */
  MESSAGE_CREATE: Message;
  MESSAGE_UPDATE: Message;
  MESSAGE_DELETE: MessageLocation & { id: string };
  MESSAGE_DELETE_BULK: MessageLocation & { ids: string[] };
  MESSAGE_REACTION_ADD: ReactionEvent;
  MESSAGE_REACTION_REMOVE: ReactionEvent;
  MESSAGE_REACTION_REMOVE_ALL: MessageLocation & { message_id: string };
  CHANNEL_PINS_UPDATE: MessageLocation & { last_pin_timestamp: string | null };
  /** Published on user:<id> so every session of that user sees the ack. */
  READ_STATE_UPDATE: ReadState;
  NOTIFICATION_SETTINGS_UPDATE: NotificationSetting;
  /** A DM or group DM the user (topic user:<id>) can now see, or whose recipients or name changed. */
  DM_CHANNEL_CREATE: DmChannel;
  DM_CHANNEL_UPDATE: DmChannel;
  /** The user (topic user:<id>) left or was removed from a group DM. */
  DM_CHANNEL_DELETE: { id: string };
  THREAD_CREATE: Thread;
  THREAD_UPDATE: Thread;
  THREAD_DELETE: { id: string; guild_id: string; parent_id: string };
  THREAD_MEMBERS_UPDATE: {
    id: string;
    guild_id: string;
    member_count: number;
    added_members: ThreadMember[];
    removed_member_ids: string[];
  };
  RELATIONSHIP_ADD: Relationship;
  RELATIONSHIP_REMOVE: { id: string; type: RelationshipType };
}

export type DomainEventType = keyof DomainEventMap;

export interface DomainEvent<K extends DomainEventType = DomainEventType> {
  type: K;
  /** The guild this concerns, if any. */
  guild_id?: string;
  /** The channel this concerns, if any: only members who can VIEW it receive it. */
  channel_id?: string;
  /** If set, only members holding this permission (in channel_id when set, else guild-wide) receive it. */
  permission?: PermissionName;
  data: DomainEventMap[K];
  /** Where the event stands in the bus log; set on delivery by a bus that keeps one, never by publishers. */
  position?: string;
}

/** Bus topics: one per guild, per channel outside guilds (DMs), and per user. */
export type Topic = `guild:${string}` | `channel:${string}` | `user:${string}`;

export const guildTopic = (id: string): Topic => `guild:${id}`;
export const channelTopic = (id: string): Topic => `channel:${id}`;
export const userTopic = (id: string): Topic => `user:${id}`;
