/**
 * Permission bits and the resolver that decides what a member may do in a guild or channel. Pure and shared by the
 * server, the web client and the SDK. Bit positions match Discord's for every permission both have, so bots and
 * migration tools map them one to one; Nexus-only permissions take free high bits (from 1n << 48n).
 */
import { z } from "zod";

export const Permissions = {
  CREATE_INVITE: 1n << 0n,
  KICK_MEMBERS: 1n << 1n,
  BAN_MEMBERS: 1n << 2n,
  ADMINISTRATOR: 1n << 3n,
  MANAGE_CHANNELS: 1n << 4n,
  MANAGE_GUILD: 1n << 5n,
  ADD_REACTIONS: 1n << 6n,
  VIEW_AUDIT_LOG: 1n << 7n,
  PRIORITY_SPEAKER: 1n << 8n,
  STREAM: 1n << 9n,
  VIEW_CHANNEL: 1n << 10n,
  SEND_MESSAGES: 1n << 11n,
  MANAGE_MESSAGES: 1n << 13n,
  EMBED_LINKS: 1n << 14n,
  ATTACH_FILES: 1n << 15n,
  READ_MESSAGE_HISTORY: 1n << 16n,
  MENTION_EVERYONE: 1n << 17n,
  USE_EXTERNAL_EMOJI: 1n << 18n,
  CONNECT: 1n << 20n,
  SPEAK: 1n << 21n,
  MUTE_MEMBERS: 1n << 22n,
  DEAFEN_MEMBERS: 1n << 23n,
  MOVE_MEMBERS: 1n << 24n,
  USE_VAD: 1n << 25n,
  CHANGE_NICKNAME: 1n << 26n,
  MANAGE_NICKNAMES: 1n << 27n,
  MANAGE_ROLES: 1n << 28n,
  MANAGE_WEBHOOKS: 1n << 29n,
  MANAGE_EMOJIS: 1n << 30n,
  MANAGE_THREADS: 1n << 34n,
  CREATE_THREADS: 1n << 35n,
  SEND_MESSAGES_IN_THREADS: 1n << 38n,
  MODERATE_MEMBERS: 1n << 40n,
} as const satisfies Record<string, bigint>;

export type PermissionName = keyof typeof Permissions;

export const PERMISSION_NAMES = Object.keys(Permissions) as PermissionName[];

export const ALL_PERMISSIONS: bigint = Object.values(Permissions).reduce((all, bit) => all | bit, 0n);

/**
 * What @everyone gets in a new guild: the everyday abilities of a Discord member. MENTION_EVERYONE is left out on
 * purpose: pinging a whole community is the classic abuse vector, so owners grant it deliberately.
 */
export const DEFAULT_EVERYONE_PERMISSIONS: bigint = [
  "CREATE_INVITE",
  "ADD_REACTIONS",
  "STREAM",
  "VIEW_CHANNEL",
  "SEND_MESSAGES",
  "EMBED_LINKS",
  "ATTACH_FILES",
  "READ_MESSAGE_HISTORY",
  "USE_EXTERNAL_EMOJI",
  "CONNECT",
  "SPEAK",
  "USE_VAD",
  "CHANGE_NICKNAME",
  "CREATE_THREADS",
  "SEND_MESSAGES_IN_THREADS",
].reduce((all, name) => all | Permissions[name as PermissionName], 0n);

/** A timed-out member keeps only these. */
const TIMEOUT_ALLOWED = Permissions.VIEW_CHANNEL | Permissions.READ_MESSAGE_HISTORY;

/** Without SEND_MESSAGES in a channel these mean nothing there either (Discord's rule). */
const NEEDS_SEND_MESSAGES = Permissions.MENTION_EVERYONE | Permissions.ATTACH_FILES | Permissions.EMBED_LINKS;

/** Permissions travel as decimal strings on the wire (they exceed 2^53). */
export const PermissionBitsSchema = z
  .string()
  .regex(/^[0-9]{1,20}$/, "must be a permission bitfield as a decimal string")
  .meta({ id: "PermissionBits", description: "A permission bitfield as a decimal string" });

export const serializePermissions = (bits: bigint) => bits.toString();
export const parsePermissions = (bits: string) => BigInt(bits) & ALL_PERMISSIONS;

export const hasPermission = (bits: bigint, permission: PermissionName) =>
  (bits & Permissions[permission]) === Permissions[permission];

export const permissionNames = (bits: bigint): PermissionName[] =>
  PERMISSION_NAMES.filter((name) => hasPermission(bits, name));

export interface ResolverRole {
  id: string;
  permissions: bigint;
  position: number;
}

export interface ResolverOverwrite {
  /** A role id (the guild id for @everyone) or a user id. */
  id: string;
  type: "role" | "member";
  allow: bigint;
  deny: bigint;
}

export interface ResolverGuild {
  id: string;
  owner_id: string;
  /** Every role of the guild, including @everyone (whose id is the guild id). */
  roles: ReadonlyMap<string, ResolverRole>;
}

export interface ResolverMember {
  user_id: string;
  role_ids: readonly string[];
  /** Milliseconds since the epoch; null or past means not timed out. */
  timeout_until?: number | null;
}

function isTimedOut(member: ResolverMember, now: number): boolean {
  return member.timeout_until != null && member.timeout_until > now;
}

/** Guild-level permissions: owner and ADMINISTRATOR have everything; otherwise @everyone ∪ the member's roles. */
export function computeBasePermissions(guild: ResolverGuild, member: ResolverMember, now = Date.now()): bigint {
  if (member.user_id === guild.owner_id) return ALL_PERMISSIONS;
  let bits = guild.roles.get(guild.id)?.permissions ?? 0n;
  for (const roleId of member.role_ids) bits |= guild.roles.get(roleId)?.permissions ?? 0n;
  if ((bits & Permissions.ADMINISTRATOR) !== 0n) return ALL_PERMISSIONS;
  return isTimedOut(member, now) ? bits & TIMEOUT_ALLOWED : bits;
}

/**
 * Channel-level permissions: base permissions, then overwrites in order — @everyone (deny, then allow), the
 * member's roles combined (deny, then allow), the member's own (deny, then allow). No VIEW_CHANNEL means nothing.
 */
export function computeChannelPermissions(
  guild: ResolverGuild,
  member: ResolverMember,
  overwrites: readonly ResolverOverwrite[],
  now = Date.now(),
): bigint {
  const base = computeBasePermissions(guild, member, now);
  if ((base & Permissions.ADMINISTRATOR) !== 0n) return ALL_PERMISSIONS;

  let bits = base;
  const everyone = overwrites.find((o) => o.type === "role" && o.id === guild.id);
  if (everyone) bits = (bits & ~everyone.deny) | everyone.allow;

  let roleAllow = 0n;
  let roleDeny = 0n;
  const memberRoles = new Set(member.role_ids);
  for (const overwrite of overwrites) {
    if (overwrite.type === "role" && overwrite.id !== guild.id && memberRoles.has(overwrite.id)) {
      roleAllow |= overwrite.allow;
      roleDeny |= overwrite.deny;
    }
  }
  bits = (bits & ~roleDeny) | roleAllow;

  const own = overwrites.find((o) => o.type === "member" && o.id === member.user_id);
  if (own) bits = (bits & ~own.deny) | own.allow;

  if (isTimedOut(member, now)) bits &= TIMEOUT_ALLOWED;
  if ((bits & Permissions.VIEW_CHANNEL) === 0n) return 0n;
  if ((bits & Permissions.SEND_MESSAGES) === 0n) bits &= ~NEEDS_SEND_MESSAGES;
  return bits;
}

/** The position of the member's highest role (@everyone is 0); the owner outranks everyone. */
export function highestRolePosition(guild: ResolverGuild, member: ResolverMember): number {
  if (member.user_id === guild.owner_id) return Number.POSITIVE_INFINITY;
  let highest = 0;
  for (const roleId of member.role_ids) highest = Math.max(highest, guild.roles.get(roleId)?.position ?? 0);
  return highest;
}

/** Whether `actor` may create, edit, assign or remove a role at `rolePosition` (it must be strictly below theirs). */
export function canManageRolePosition(guild: ResolverGuild, actor: ResolverMember, rolePosition: number): boolean {
  return rolePosition < highestRolePosition(guild, actor);
}

/** Whether `actor` outranks `target` (kick, ban, timeout, nickname, role changes); nobody acts on the owner. */
export function outranks(guild: ResolverGuild, actor: ResolverMember, target: ResolverMember): boolean {
  if (target.user_id === guild.owner_id) return false;
  return highestRolePosition(guild, actor) > highestRolePosition(guild, target);
}
