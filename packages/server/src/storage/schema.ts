/**
 * Table types for Kysely. Ids are bigint columns, read back as decimal strings (see IdColumnsPlugin);
 * times are milliseconds since the Unix epoch; flags are 0/1 integers so one schema fits SQLite and PostgreSQL.
 */
import type { Generated } from "kysely";

export interface UsersTable {
  id: string;
  username: string;
  username_key: string;
  password_hash: string;
  email: string | null;
  display_name: string | null;
  avatar: string | null;
  bio: string | null;
  pronouns: string | null;
  accent_color: number | null;
  bot: Generated<number>;
  totp_secret: string | null;
  totp_enabled: Generated<number>;
  totp_last_step: number | null;
  created_at: number;
  deleted_at: number | null;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  device_name: string | null;
  ip: string | null;
  created_at: number;
  last_used_at: number;
  expires_at: number;
}

export interface RefreshTokensTable {
  token_hash: string;
  session_id: string;
  created_at: number;
  used_at: number | null;
}

export interface RecoveryCodesTable {
  code_hash: string;
  user_id: string;
  used_at: number | null;
}

export interface GuildsTable {
  id: string;
  name: string;
  /** lower(name), for portable case-insensitive directory search. */
  name_key: string;
  icon: string | null;
  /** Added by files: the banner's hash. */
  banner: string | null;
  description: string | null;
  owner_id: string;
  discoverable: number;
  access_version: Generated<number>;
  created_at: number;
}

export interface ChannelsTable {
  id: string;
  /** null for direct-message channels. */
  guild_id: string | null;
  type: string;
  name: string;
  topic: string | null;
  position: number;
  parent_id: string | null;
  nsfw: number;
  slowmode_seconds: number;
  bitrate: number | null;
  user_limit: number | null;
  created_at: number;
  /** Added by messaging: group DMs' owner, 1:1 DMs' "<low id>:<high id>" key, and the newest message. */
  owner_id: string | null;
  dm_key: string | null;
  last_message_id: string | null;
}

export interface ChannelOverwritesTable {
  channel_id: string;
  target_id: string;
  guild_id: string;
  type: "role" | "member";
  /** Permission bitfields as decimal strings. */
  allow: string;
  deny: string;
}

export interface RolesTable {
  id: string;
  guild_id: string;
  name: string;
  color: number;
  hoist: number;
  mentionable: number;
  permissions: string;
  position: number;
  created_at: number;
}

export interface MembersTable {
  guild_id: string;
  user_id: string;
  nickname: string | null;
  joined_at: number;
  timeout_until: number | null;
}

export interface MemberRolesTable {
  guild_id: string;
  user_id: string;
  role_id: string;
}

export interface BansTable {
  guild_id: string;
  user_id: string;
  reason: string | null;
  delete_message_seconds: number;
  moderator_id: string | null;
  created_at: number;
}

export interface InvitesTable {
  code: string;
  guild_id: string;
  channel_id: string;
  inviter_id: string | null;
  max_age_seconds: number;
  max_uses: number;
  uses: number;
  created_at: number;
  expires_at: number | null;
}

export interface AuditLogEntriesTable {
  id: string;
  guild_id: string;
  actor_id: string;
  action: string;
  target_id: string | null;
  /** JSON array of {key, old_value?, new_value?}. */
  changes: string;
  reason: string | null;
  created_at: number;
}

export interface PasswordResetTokensTable {
  token_hash: string;
  user_id: string;
  created_at: number;
  expires_at: number;
}

export interface ChannelRecipientsTable {
  channel_id: string;
  user_id: string;
  added_at: number;
}

export interface MessagesTable {
  id: string;
  channel_id: string;
  /** null in DM channels. */
  guild_id: string | null;
  author_id: string;
  content: string;
  created_at: number;
  edited_at: number | null;
  reply_to_id: string | null;
  mention_everyone: Generated<number>;
  /** JSON arrays of ids. */
  mention_user_ids: Generated<string>;
  mention_role_ids: Generated<string>;
  mention_channel_ids: Generated<string>;
  /** null when not pinned. */
  pinned_at: number | null;
  /** JSON arrays (attachments and embeds are filled by the files and embeds features). */
  attachments: Generated<string>;
  embeds: Generated<string>;
  /** MessageFlags bitfield (SUPPRESS_EMBEDS). */
  flags: Generated<number>;
}

export interface MessageNoncesTable {
  channel_id: string;
  author_id: string;
  nonce: string;
  message_id: string;
  created_at: number;
}

/** The author's last post per channel, for slowmode (claimed atomically with the message write). */
export interface SlowmodePostsTable {
  channel_id: string;
  author_id: string;
  posted_at: number;
}

export interface MessageMentionsTable {
  /** A user id, a role id, or the guild id for @everyone/@here. */
  target_id: string;
  channel_id: string;
  message_id: string;
  author_id: string;
}

export interface ReactionsTable {
  message_id: string;
  emoji: string;
  user_id: string;
  created_at: number;
}

export interface ReadStatesTable {
  user_id: string;
  channel_id: string;
  last_read_id: string;
  updated_at: number;
}

export interface NotificationSettingsTable {
  user_id: string;
  scope_id: string;
  scope: "guild" | "channel";
  level: string | null;
  muted_until: number | null;
}

export interface RelationshipsTable {
  user_id: string;
  target_id: string;
  type: string;
  created_at: number;
}

export interface MessagingSettingsTable {
  user_id: string;
  dm_privacy: string;
}

export interface ThreadsTable {
  channel_id: string;
  guild_id: string;
  parent_id: string;
  owner_id: string;
  starter_message_id: string | null;
  archived: number;
  locked: number;
  auto_archive_minutes: number;
  archive_timestamp: number | null;
  last_activity_at: number;
  message_count: number;
  member_count: number;
  created_at: number;
}

export interface ThreadMembersTable {
  thread_id: string;
  user_id: string;
  joined_at: number;
}

export interface DataExportsTable {
  id: string;
  user_id: string;
  body: string;
  created_at: number;
  expires_at: number;
}

export interface CustomEmojisTable {
  id: string;
  guild_id: string;
  name: string;
  animated: number;
  creator_id: string | null;
  image_key: string;
  webp_key: string;
  created_at: number;
  /** Set when deleted: the row stays so reactions with it still render. */
  deleted_at: number | null;
}

export interface AttachmentsTable {
  id: string;
  channel_id: string;
  uploader_id: string;
  /** null until a message claims the upload. */
  message_id: string | null;
  blob_key: string;
  thumbnail_key: string | null;
  filename: string;
  size: number;
  content_type: string;
  width: number | null;
  height: number | null;
  spoiler: number;
  description: string | null;
  created_at: number;
}

export interface BlobRefsTable {
  blob_key: string;
  /** "<kind>:<id>", e.g. "attachment:123" or "avatar:456". */
  owner_key: string;
}

/** A message whose links are waiting to be previewed. */
export interface LinkPreviewJobsTable {
  message_id: string;
  channel_id: string;
  /** New on every (re)schedule: only the run that claimed this version may finish it. */
  token: string;
  attempts: Generated<number>;
  /** Not before this (retries back off). */
  run_at: number;
  /** A node is running it until then; null when nobody is. */
  locked_until: number | null;
}

/** A blob uploads are writing now: kept from the collector until their own references replace the claim. */
export interface BlobClaimsTable {
  blob_key: string;
  /** Uploads that claimed the blob and have not committed their reference yet. */
  pending: number;
  /** The latest claim. */
  claimed_at: number;
}

export interface ProfileImagesTable {
  owner_key: string;
  hash: string;
  /** Pixels: the square's side for avatars and icons, the width for banners. */
  size: number;
  blob_key: string;
}

export interface LinkPreviewSettingsTable {
  /** A guild id or a user id. */
  scope_id: string;
  enabled: number;
}

export interface LinkPreviewCacheTable {
  url: string;
  /** Embed JSON; null when the URL has no preview. */
  embed: string | null;
  expires_at: number;
}

/** A message (kind "message") or deleted channel (kind "channel") an external search index must catch up with. */
export interface SearchOutboxTable {
  seq: Generated<number>;
  kind: "message" | "channel";
  ref: string;
}

export interface SearchOutboxLeaseTable {
  name: string;
  holder: string;
  expires_at: number;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  refresh_tokens: RefreshTokensTable;
  recovery_codes: RecoveryCodesTable;
  guilds: GuildsTable;
  channels: ChannelsTable;
  channel_overwrites: ChannelOverwritesTable;
  roles: RolesTable;
  members: MembersTable;
  member_roles: MemberRolesTable;
  bans: BansTable;
  invites: InvitesTable;
  audit_log_entries: AuditLogEntriesTable;
  password_reset_tokens: PasswordResetTokensTable;
  channel_recipients: ChannelRecipientsTable;
  messages: MessagesTable;
  message_nonces: MessageNoncesTable;
  message_mentions: MessageMentionsTable;
  slowmode_posts: SlowmodePostsTable;
  reactions: ReactionsTable;
  read_states: ReadStatesTable;
  notification_settings: NotificationSettingsTable;
  relationships: RelationshipsTable;
  messaging_settings: MessagingSettingsTable;
  threads: ThreadsTable;
  thread_members: ThreadMembersTable;
  data_exports: DataExportsTable;
  custom_emojis: CustomEmojisTable;
  attachments: AttachmentsTable;
  blob_refs: BlobRefsTable;
  blob_claims: BlobClaimsTable;
  link_preview_jobs: LinkPreviewJobsTable;
  profile_images: ProfileImagesTable;
  link_preview_settings: LinkPreviewSettingsTable;
  link_preview_cache: LinkPreviewCacheTable;
  search_outbox: SearchOutboxTable;
  search_outbox_lease: SearchOutboxLeaseTable;
}
