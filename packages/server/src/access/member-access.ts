/** One member's view of a guild: the permission checks services make, throwing the right domain error. */
import { type PermissionName, Permissions, type ResolverMember } from "@nexus/protocol";
import { DomainError } from "../errors.js";
import type { GuildAccess } from "./guild-access.js";

export const missingPermission = (permission: PermissionName) =>
  new DomainError("MISSING_PERMISSION", `You need the ${permission} permission to do that.`, { permission });

export class MemberAccess {
  constructor(
    readonly guild: GuildAccess,
    readonly member: ResolverMember,
    private readonly now: number,
  ) {}

  get userId(): string {
    return this.member.user_id;
  }

  get isOwner(): boolean {
    return this.member.user_id === this.guild.owner_id;
  }

  /** Guild-level permissions, or the channel's when `channelId` is given. */
  permissions(channelId?: string): bigint {
    return channelId === undefined
      ? this.guild.basePermissions(this.member, this.now)
      : this.guild.channelPermissions(this.member, channelId, this.now);
  }

  has(permission: PermissionName, channelId?: string): boolean {
    return (this.permissions(channelId) & Permissions[permission]) !== 0n;
  }

  require(permission: PermissionName, channelId?: string): void {
    if (!this.has(permission, channelId)) throw missingPermission(permission);
  }

  canView(channelId: string): boolean {
    return this.has("VIEW_CHANNEL", channelId);
  }

  requireOwner(action: string): void {
    if (!this.isOwner) throw new DomainError("OWNER_ONLY", `Only the server owner can ${action}.`);
  }

  /** Roles at or above the actor's highest role are out of reach (owner excepted). */
  requireRoleBelow(position: number, roleName: string): void {
    if (!this.guild.canManageRolePosition(this.member, position)) {
      throw new DomainError("ROLE_HIERARCHY", `The role ${roleName} is at or above your highest role.`);
    }
  }

  /** The actor must rank strictly above the target (and nobody acts on the owner). */
  requireOutranks(target: ResolverMember): void {
    if (!this.guild.outranks(this.member, target)) {
      throw new DomainError("ROLE_HIERARCHY", "That member's highest role is at or above yours.");
    }
  }

  /**
   * Granting or denying bits one does not hold oneself would escalate privileges; only bits the actor has (in the
   * channel, if given) may change. Returns the first offending permission's name.
   */
  requireCanGrant(changedBits: bigint, channelId?: string): void {
    const held = this.permissions(channelId);
    const beyond = changedBits & ~held;
    if (beyond === 0n) return;
    const name = (Object.keys(Permissions) as PermissionName[]).find((p) => (beyond & Permissions[p]) !== 0n);
    if (name) throw missingPermission(name);
  }

  visibleChannelIds(): string[] {
    return this.guild.visibleChannelIds(this.member, this.now);
  }
}
