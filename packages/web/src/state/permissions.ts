/** What the signed-in user may do, from the same resolver the server uses, so the UI hides what would be refused. */
import {
  type Channel,
  computeBasePermissions,
  computeChannelPermissions,
  hasPermission,
  type PermissionName,
  parsePermissions,
  type ResolverGuild,
  type ResolverMember,
} from "@nexus/protocol";
import type { GuildEntry } from "./community.js";

/** The resolver's view of a guild and of the signed-in user's membership in it. */
export function resolverInputs(entry: GuildEntry, userId: string): { guild: ResolverGuild; member: ResolverMember } {
  const roles = new Map(
    entry.roles.map((role) => [
      role.id,
      { id: role.id, position: role.position, permissions: parsePermissions(role.permissions) },
    ]),
  );
  const guild = { id: entry.guild.id, owner_id: entry.guild.owner_id, roles };
  const timeout = entry.me?.timeout_until ? Date.parse(entry.me.timeout_until) : null;
  return { guild, member: { user_id: userId, role_ids: entry.me?.roles ?? [], timeout_until: timeout } };
}

/** The permission bits the signed-in user holds in the guild, or in `channel`. */
export function permissionsIn(entry: GuildEntry, userId: string, channel?: Channel): bigint {
  const { guild, member } = resolverInputs(entry, userId);
  return channel
    ? computeChannelPermissions(
        guild,
        member,
        channel.permission_overwrites.map((o) => ({
          ...o,
          allow: parsePermissions(o.allow),
          deny: parsePermissions(o.deny),
        })),
      )
    : computeBasePermissions(guild, member);
}

export function can(entry: GuildEntry, userId: string, permission: PermissionName, channel?: Channel): boolean {
  return hasPermission(permissionsIn(entry, userId, channel), permission);
}
