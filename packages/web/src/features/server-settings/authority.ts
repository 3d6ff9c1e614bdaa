/** What the signed-in user may do in a server's settings: permissions, rank in the role hierarchy, whom they outrank. */
import {
  type Channel,
  hasPermission,
  highestRolePosition,
  type Member,
  outranks,
  type PermissionName,
  type Role,
} from "@nexus/protocol";
import type { GuildEntry } from "../../state/community.js";
import { permissionsIn, resolverInputs } from "../../state/permissions.js";

export interface Authority {
  isOwner: boolean;
  /** Bits the user holds in the guild, or in `channel`. */
  bits(channel?: Channel): bigint;
  has(permission: PermissionName, channel?: Channel): boolean;
  /** A role strictly below the user's highest (the owner's rank is infinite). */
  canManageRole(role: Role): boolean;
  outranks(member: Member): boolean;
}

export function authorityOf(entry: GuildEntry, userId: string): Authority {
  const { guild, member } = resolverInputs(entry, userId);
  const bits = (channel?: Channel) => permissionsIn(entry, userId, channel);
  const rank = highestRolePosition(guild, member);
  return {
    isOwner: entry.guild.owner_id === userId,
    bits,
    has: (permission, channel) => hasPermission(bits(channel), permission),
    canManageRole: (role) => role.id !== entry.guild.id && role.position < rank,
    outranks: (target) => outranks(guild, member, { user_id: target.user.id, role_ids: target.roles }),
  };
}
