/**
 * Payloads of the community dispatches (GUILD_*, CHANNEL_*, GUILD_ROLE_*, GUILD_MEMBER_*, GUILD_BAN_*, INVITE_*).
 * Each is self-contained JSON: the gateway forwards it as the dispatch `d` without loading anything.
 */
import { z } from "zod";
import { ChannelSchema } from "./channels.js";
import { GuildSchema, GuildSnapshotSchema } from "./guilds.js";
import { SnowflakeSchema } from "./ids.js";
import { InviteSchema } from "./invites.js";
import { BanSchema, MemberSchema } from "./members.js";
import { RoleSchema } from "./roles.js";
import { PublicUserSchema } from "./users.js";

/** GUILD_CREATE: the guild became available to the recipient (created, joined). Channels: every channel; the
 * gateway keeps only those the recipient can view. */
export const GuildCreateEventSchema = GuildSnapshotSchema.meta({ id: "GuildCreateEvent" });
/** GUILD_UPDATE */
export const GuildUpdateEventSchema = GuildSchema.meta({ id: "GuildUpdateEvent" });
/** GUILD_DELETE: the guild is gone (deleted) or no longer available to the recipient (left, kicked, banned). */
export const GuildDeleteEventSchema = z
  .object({ id: SnowflakeSchema, unavailable: z.literal(false) })
  .meta({ id: "GuildDeleteEvent" });

/** CHANNEL_CREATE / CHANNEL_UPDATE / CHANNEL_DELETE */
export const ChannelEventSchema = ChannelSchema.meta({ id: "ChannelEvent" });

/** GUILD_ROLE_CREATE / GUILD_ROLE_UPDATE */
export const GuildRoleEventSchema = z
  .object({ guild_id: SnowflakeSchema, role: RoleSchema })
  .meta({ id: "GuildRoleEvent" });
/** GUILD_ROLE_DELETE */
export const GuildRoleDeleteEventSchema = z
  .object({ guild_id: SnowflakeSchema, role_id: SnowflakeSchema })
  .meta({ id: "GuildRoleDeleteEvent" });

/** GUILD_MEMBER_ADD / GUILD_MEMBER_UPDATE */
export const GuildMemberEventSchema = MemberSchema.meta({ id: "GuildMemberEvent" });
/** GUILD_MEMBER_REMOVE: left, kicked or banned. */
export const GuildMemberRemoveEventSchema = z
  .object({ guild_id: SnowflakeSchema, user: PublicUserSchema })
  .meta({ id: "GuildMemberRemoveEvent" });

/** GUILD_BAN_ADD: includes delete_message_seconds so message deletion can be applied from the event. */
export const GuildBanAddEventSchema = BanSchema.meta({ id: "GuildBanAddEvent" });
/** GUILD_BAN_REMOVE */
export const GuildBanRemoveEventSchema = z
  .object({ guild_id: SnowflakeSchema, user: PublicUserSchema })
  .meta({ id: "GuildBanRemoveEvent" });

/** INVITE_CREATE */
export const InviteCreateEventSchema = InviteSchema.meta({ id: "InviteCreateEvent" });
/** INVITE_DELETE: revoked, used up or its channel deleted. */
export const InviteDeleteEventSchema = z
  .object({ code: z.string(), guild_id: SnowflakeSchema, channel_id: SnowflakeSchema })
  .meta({ id: "InviteDeleteEvent" });

export type GuildDeleteEvent = z.infer<typeof GuildDeleteEventSchema>;
export type GuildRoleEvent = z.infer<typeof GuildRoleEventSchema>;
export type GuildRoleDeleteEvent = z.infer<typeof GuildRoleDeleteEventSchema>;
export type GuildMemberRemoveEvent = z.infer<typeof GuildMemberRemoveEventSchema>;
export type GuildBanRemoveEvent = z.infer<typeof GuildBanRemoveEventSchema>;
export type InviteDeleteEvent = z.infer<typeof InviteDeleteEventSchema>;
