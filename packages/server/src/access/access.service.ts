/**
 * THE authorization choke point. Every service (and the gateway) asks here whether a user may see or do something
 * in a guild or channel. A guild's shared context (roles, channels, overwrites) is cached per node and revalidated
 * on every check against guilds.access_version, which writers bump in the same transaction as the change — so
 * a check costs two small queries when the cache is warm and is never stale, on one node or many.
 */
import { type PermissionName, parsePermissions, type ResolverMember, type ResolverOverwrite } from "@nexus/protocol";
import { notFound } from "../errors.js";
import type { AccessRepository, GuildHead, MemberStanding } from "../storage/repositories/access.repository.js";
import { type AccessChannel, GuildAccess } from "./guild-access.js";
import { MemberAccess } from "./member-access.js";

/** What changed, for in-process listeners (the gateway's audience cache). */
export interface AccessChange {
  guild_id: string;
  /** Set when only this member's standing changed (roles, timeout, joined, left); absent: the whole guild. */
  user_id?: string;
}

export type AccessChangeListener = (change: AccessChange) => void;

export interface AccessServiceOptions {
  now?: () => number;
  /** How many guild contexts to keep per node. */
  cacheSize?: number;
}

export const unknownGuild = () => notFound("Guild", "UNKNOWN_GUILD");
export const unknownChannel = () => notFound("Channel", "UNKNOWN_CHANNEL");

export class AccessService {
  private readonly cache = new Map<string, GuildAccess>();
  private readonly listeners = new Set<AccessChangeListener>();
  private readonly now: () => number;
  private readonly cacheSize: number;

  constructor(
    private readonly repo: AccessRepository,
    options: AccessServiceOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.cacheSize = options.cacheSize ?? 2_000;
  }

  /** The caller's access in a guild; 404 UNKNOWN_GUILD if it does not exist or they are not a member. */
  async member(guildId: string, userId: string): Promise<MemberAccess> {
    const standing = await this.repo.standing(guildId, userId);
    if (!standing?.member_user_id) throw unknownGuild();
    return this.bind(standing, userId);
  }

  /** Like member(), but undefined instead of an error. */
  async memberOrUndefined(guildId: string, userId: string): Promise<MemberAccess | undefined> {
    const standing = await this.repo.standing(guildId, userId);
    return standing?.member_user_id ? this.bind(standing, userId) : undefined;
  }

  /**
   * The caller's access to a guild channel they can VIEW; 404 UNKNOWN_CHANNEL when it does not exist, is not a guild
   * channel, or they cannot see it. Then 403 MISSING_PERMISSION for the first of `permissions` they lack there.
   */
  async channel(channelId: string, userId: string, ...permissions: PermissionName[]): Promise<MemberAccess> {
    const standing = await this.repo.channelStanding(channelId, userId);
    if (!standing?.member_user_id) throw unknownChannel();
    const access = await this.bind(standing, userId);
    if (!access.canView(channelId)) throw unknownChannel();
    for (const permission of permissions) access.require(permission, channelId);
    return access;
  }

  /** 403 MISSING_PERMISSION unless the member has the guild-level permission. */
  async require(guildId: string, userId: string, permission: PermissionName): Promise<MemberAccess> {
    const access = await this.member(guildId, userId);
    access.require(permission);
    return access;
  }

  /** Ids of the guild's channels the user can view (empty if not a member). */
  async visibleChannelIds(guildId: string, userId: string): Promise<string[]> {
    return (await this.memberOrUndefined(guildId, userId))?.visibleChannelIds() ?? [];
  }

  /** Of `channelIds`, those where the user holds `permission` (search, bulk reads): a few queries per guild. */
  async filterChannels(
    userId: string,
    channelIds: readonly string[],
    permission: PermissionName = "VIEW_CHANNEL",
  ): Promise<Set<string>> {
    const guildOf = await this.repo.guildsOfChannels(channelIds);
    const byGuild = new Map<string, string[]>();
    for (const [channelId, guildId] of guildOf) byGuild.set(guildId, [...(byGuild.get(guildId) ?? []), channelId]);
    const allowed = new Set<string>();
    for (const [guildId, ids] of byGuild) {
      const access = await this.memberOrUndefined(guildId, userId);
      if (!access) continue;
      for (const id of ids) if (access.has("VIEW_CHANNEL", id) && access.has(permission, id)) allowed.add(id);
    }
    return allowed;
  }

  /** The guild's current permission context (undefined if the guild does not exist). */
  async guild(guildId: string): Promise<GuildAccess | undefined> {
    const head = await this.repo.head(guildId);
    return head ? this.context(head) : undefined;
  }

  /** Every member of the guild as the resolver sees them (for audiences; two queries). */
  async members(guildId: string): Promise<ResolverMember[]> {
    const { members, roles } = await this.repo.allMembers(guildId);
    const byUser = new Map<string, string[]>();
    for (const r of roles) byUser.set(r.user_id, [...(byUser.get(r.user_id) ?? []), r.role_id]);
    return members.map((m) => ({
      user_id: m.user_id,
      role_ids: byUser.get(m.user_id) ?? [],
      timeout_until: m.timeout_until,
    }));
  }

  /** User ids of the members who hold `permission` (default VIEW_CHANNEL) in the channel now. */
  async channelAudience(guildId: string, channelId: string, permission?: PermissionName): Promise<string[]> {
    const guild = await this.guild(guildId);
    if (!guild) return [];
    return guild.channelAudience(await this.members(guildId), channelId, permission, this.now());
  }

  /** Subscribe to permission-relevant changes committed on this node. Returns the unsubscribe function. */
  onChange(listener: AccessChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Services call this after committing a change that can alter who may do what. */
  changed(change: AccessChange): void {
    if (change.user_id === undefined) this.cache.delete(change.guild_id);
    for (const listener of this.listeners) listener(change);
  }

  private async bind(standing: MemberStanding, userId: string): Promise<MemberAccess> {
    const [guild, roleIds] = await Promise.all([this.context(standing), this.repo.roleIds(standing.id, userId)]);
    const member: ResolverMember = { user_id: userId, role_ids: roleIds, timeout_until: standing.timeout_until };
    return new MemberAccess(guild, member, this.now());
  }

  private async context(head: GuildHead): Promise<GuildAccess> {
    const cached = this.cache.get(head.id);
    if (cached && cached.version === head.access_version && cached.owner_id === head.owner_id) return cached;
    const loaded = await this.load(head);
    this.remember(loaded);
    return loaded;
  }

  /** `head` was read before this load, so the loaded data is at least as new as head.access_version. */
  private async load(head: GuildHead): Promise<GuildAccess> {
    const { roles, channels, overwrites } = await this.repo.context(head.id);
    const byChannel = new Map<string, ResolverOverwrite[]>();
    for (const o of overwrites) {
      const list = byChannel.get(o.channel_id) ?? [];
      list.push({ id: o.target_id, type: o.type, allow: parsePermissions(o.allow), deny: parsePermissions(o.deny) });
      byChannel.set(o.channel_id, list);
    }
    const channelMap = new Map<string, AccessChannel>(
      channels.map((c) => [
        c.id,
        { id: c.id, type: c.type, parent_id: c.parent_id, overwrites: byChannel.get(c.id) ?? [] },
      ]),
    );
    const roleMap = new Map(
      roles.map((r) => [r.id, { id: r.id, permissions: parsePermissions(r.permissions), position: r.position }]),
    );
    return new GuildAccess(head.id, head.owner_id, head.access_version, roleMap, channelMap);
  }

  private remember(context: GuildAccess): void {
    this.cache.delete(context.id);
    this.cache.set(context.id, context);
    if (this.cache.size > this.cacheSize) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
  }
}
