/** Joining and leaving guilds: the one path every join (invite, directory, creation) and removal goes through. */
import { type Guild, MAX_GUILDS_PER_USER } from "@nexus/protocol";
import type { AccessService } from "../../access/access.service.js";
import { DomainError, invalidField, notFound } from "../../errors.js";
import type { Repositories, Store } from "../../storage/store.js";
import type { CommunityEvents } from "../community-events.js";
import { toGuild, toMember } from "../guilds/community-presenter.js";
import { toPublicUser } from "../users/user-presenter.js";
import type { GuildSnapshots } from "./guild-snapshots.js";

export interface MembershipDeps {
  store: Store;
  access: AccessService;
  events: CommunityEvents;
  snapshots: GuildSnapshots;
  now: () => number;
}

export class MembershipService {
  constructor(private readonly deps: MembershipDeps) {}

  /**
   * Refuses a user at the per-user guild limit (400 with a field error). Locks the user first, so two joins racing
   * on different nodes cannot both see 199 and make it 201.
   */
  static async assertBelowGuildLimit(repos: Repositories, userId: string): Promise<void> {
    await repos.users.lockForMembershipChange(userId);
    if ((await repos.guilds.countForUser(userId)) >= MAX_GUILDS_PER_USER) {
      throw invalidField("guilds", `you are already in ${MAX_GUILDS_PER_USER} servers, the most allowed`);
    }
  }

  /**
   * Adds the user to the guild unless banned or at the limit. `claim` runs in the same transaction (an invite use)
   * and may refuse. Joining a guild you are already in changes nothing and returns it.
   */
  async join(guildId: string, userId: string, claim?: (repos: Repositories) => Promise<void>): Promise<Guild> {
    const joined = await this.deps.store.transaction(async (repos) => {
      const guild = await repos.guilds.findById(guildId);
      if (!guild) throw notFound("Guild", "UNKNOWN_GUILD");
      if (await repos.members.find(guildId, userId)) return { guild, added: false };
      if (await repos.bans.isBanned(guildId, userId)) {
        throw new DomainError("BANNED", "You are banned from this server.");
      }
      await MembershipService.assertBelowGuildLimit(repos, userId);
      await claim?.(repos);
      await repos.members.insert({
        guild_id: guildId,
        user_id: userId,
        nickname: null,
        joined_at: this.deps.now(),
        timeout_until: null,
      });
      return { guild, added: true };
    });
    if (joined.added) await this.announceJoin(guildId, userId);
    return toGuild(joined.guild);
  }

  /** After a member row is committed: tell the guild and the new member, and drop stale audiences. */
  async announceJoin(guildId: string, userId: string): Promise<void> {
    this.deps.access.changed({ guild_id: guildId, user_id: userId });
    const member = await this.deps.store.repos.members.findWithUser(guildId, userId);
    if (member) await this.deps.events.toGuild(guildId, "GUILD_MEMBER_ADD", toMember(member));
    const snapshot = await this.deps.snapshots.full(guildId);
    if (snapshot) await this.deps.events.toUser(userId, "GUILD_CREATE", snapshot, guildId);
  }

  /** After a member row is deleted and committed (left, kicked, banned). */
  async announceRemoval(guildId: string, userId: string): Promise<void> {
    this.deps.access.changed({ guild_id: guildId, user_id: userId });
    const user = await this.deps.store.repos.users.findById(userId);
    if (user) {
      await this.deps.events.toGuild(guildId, "GUILD_MEMBER_REMOVE", { guild_id: guildId, user: toPublicUser(user) });
    }
    await this.deps.events.toUser(userId, "GUILD_DELETE", { id: guildId, unavailable: false }, guildId);
  }

  /** DELETE /users/@me/guilds/{id}: the owner must hand the guild over first. */
  async leave(guildId: string, userId: string): Promise<void> {
    const access = await this.deps.access.member(guildId, userId);
    if (access.isOwner) {
      throw new DomainError("OWNER_CANNOT_LEAVE", "Transfer ownership of this server before leaving it.");
    }
    if (await this.deps.store.repos.members.delete(guildId, userId)) await this.announceRemoval(guildId, userId);
  }
}
