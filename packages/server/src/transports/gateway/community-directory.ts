/**
 * What the gateway needs to know about guilds, asked through the communities services and the access choke point
 * (never their tables): a user's guilds for READY, and who of a set of users may see each channel of a guild.
 */
import type { Channel, GuildSnapshot, Member, PermissionName } from "@nexus/protocol";
import type { AccessService } from "../../access/access.service.js";
import { DomainError } from "../../errors.js";
import type { Services } from "../../services/services.js";

/** A guild's permissions as they stand now, for the users this node serves. */
export interface GuildAudience {
  /** Those of the asked users who are still members. */
  members: ReadonlySet<string>;
  /** Channel id → the members (of those asked) who can VIEW it, for every channel of the guild. */
  visible: ReadonlyMap<string, ReadonlySet<string>>;
  /** Members (of those asked) holding `permission`, guild-wide or in a channel. */
  holders(permission: PermissionName, channelId?: string): Set<string>;
}

export interface CommunityDirectory {
  guildIdsOf(userId: string): Promise<string[]>;
  /** Every guild of the user with only the channels they can view. */
  snapshotsFor(userId: string): Promise<GuildSnapshot[]>;
  /** The user's own member object in a guild, if they are in it. */
  memberOf(userId: string, guildId: string): Promise<Member | undefined>;
  /** Up to `limit` user ids of the guild's members (for READY presences). */
  memberIds(userId: string, guildId: string, limit: number): Promise<string[]>;
  /** The channel as `userId` sees it, if they can. */
  channelFor(userId: string, channelId: string): Promise<Channel | undefined>;
  /** Visibility of every channel for `userIds`; undefined when the guild no longer exists. */
  audience(guildId: string, userIds: ReadonlySet<string>): Promise<GuildAudience | undefined>;
}

type CommunityServices = Pick<Services, "guilds" | "members" | "channels"> & { access: AccessService };

const orUndefined = async <T>(work: Promise<T>): Promise<T | undefined> => {
  try {
    return await work;
  } catch (error) {
    if (error instanceof DomainError) return undefined;
    throw error;
  }
};

export function communityDirectory(services: CommunityServices, now: () => number = Date.now): CommunityDirectory {
  return {
    async guildIdsOf(userId) {
      return (await services.guilds.listMine(userId)).map((guild) => guild.id);
    },
    snapshotsFor: (userId) => services.guilds.snapshotsFor(userId),
    memberOf: (userId, guildId) => orUndefined(services.members.get(userId, guildId, userId)),
    async memberIds(userId, guildId, limit) {
      const members = await orUndefined(services.members.list(userId, guildId, undefined, limit));
      return (members ?? []).map((m) => m.user.id);
    },
    channelFor: (userId, channelId) => orUndefined(services.channels.get(userId, channelId)),
    async audience(guildId, userIds) {
      const guild = await services.access.guild(guildId);
      if (!guild) return undefined;
      const members = (await services.access.members(guildId)).filter((m) => userIds.has(m.user_id));
      const at = now();
      const visible = new Map<string, Set<string>>();
      for (const channelId of guild.channels.keys()) {
        visible.set(
          channelId,
          new Set(members.filter((m) => guild.can(m, "VIEW_CHANNEL", channelId, at)).map((m) => m.user_id)),
        );
      }
      return {
        members: new Set(members.map((m) => m.user_id)),
        visible,
        holders: (permission, channelId) =>
          new Set(
            members
              .filter((m) => guild.can(m, permission, channelId, at))
              .filter((m) => channelId === undefined || guild.can(m, "VIEW_CHANNEL", channelId, at))
              .map((m) => m.user_id),
          ),
      };
    },
  };
}
