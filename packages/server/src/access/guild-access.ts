/**
 * A guild's permission context: its owner, roles and every channel's overwrites, loaded once and answered in
 * memory. Immutable; the access service replaces it when the guild's access_version moves.
 */
import {
  canManageRolePosition,
  computeBasePermissions,
  computeChannelPermissions,
  highestRolePosition,
  outranks,
  type PermissionName,
  Permissions,
  type ResolverGuild,
  type ResolverMember,
  type ResolverOverwrite,
  type ResolverRole,
} from "@nexus/protocol";

export interface AccessChannel {
  id: string;
  type: string;
  parent_id: string | null;
  overwrites: readonly ResolverOverwrite[];
}

export class GuildAccess implements ResolverGuild {
  constructor(
    readonly id: string,
    readonly owner_id: string,
    /** The guilds.access_version this context was loaded at. */
    readonly version: number,
    readonly roles: ReadonlyMap<string, ResolverRole>,
    readonly channels: ReadonlyMap<string, AccessChannel>,
  ) {}

  basePermissions(member: ResolverMember, now = Date.now()): bigint {
    return computeBasePermissions(this, member, now);
  }

  /** The member's permissions in a channel of this guild; 0 for a channel that is not in it. */
  channelPermissions(member: ResolverMember, channelId: string, now = Date.now()): bigint {
    const channel = this.channels.get(channelId);
    return channel ? computeChannelPermissions(this, member, channel.overwrites, now) : 0n;
  }

  can(member: ResolverMember, permission: PermissionName, channelId?: string, now = Date.now()): boolean {
    const bits =
      channelId === undefined ? this.basePermissions(member, now) : this.channelPermissions(member, channelId, now);
    return (bits & Permissions[permission]) !== 0n;
  }

  /** Channels the member can VIEW, in this context's order. */
  visibleChannelIds(member: ResolverMember, now = Date.now()): string[] {
    const visible: string[] = [];
    for (const id of this.channels.keys()) if (this.can(member, "VIEW_CHANNEL", id, now)) visible.push(id);
    return visible;
  }

  /** Which of `members` hold `permission` in the channel (VIEW_CHANNEL: who may receive its events). */
  channelAudience(
    members: readonly ResolverMember[],
    channelId: string,
    permission: PermissionName = "VIEW_CHANNEL",
    now = Date.now(),
  ): string[] {
    return members.filter((m) => this.can(m, permission, channelId, now)).map((m) => m.user_id);
  }

  highestRolePosition(member: ResolverMember): number {
    return highestRolePosition(this, member);
  }

  canManageRolePosition(actor: ResolverMember, position: number): boolean {
    return canManageRolePosition(this, actor, position);
  }

  outranks(actor: ResolverMember, target: ResolverMember): boolean {
    return outranks(this, actor, target);
  }
}
