/** Bans: remove a member (or pre-emptively a non-member) and keep them out; unban; list. */
import type { Ban, CreateBan } from "@nexus/protocol";
import type { AccessService } from "../../access/access.service.js";
import { invalidField, notFound } from "../../errors.js";
import type { SnowflakeGenerator } from "../../ids/snowflake.js";
import type { Store } from "../../storage/store.js";
import { type Actor, auditEntry } from "../audit/audit-entry.js";
import type { CommunityEvents } from "../community-events.js";
import { toBan } from "../guilds/community-presenter.js";
import { toPublicUser } from "../users/user-presenter.js";
import type { MembershipService } from "./membership.service.js";

export interface BanServiceDeps {
  store: Store;
  access: AccessService;
  events: CommunityEvents;
  membership: MembershipService;
  ids: SnowflakeGenerator;
  now: () => number;
}

export class BanService {
  constructor(private readonly deps: BanServiceDeps) {}

  async list(userId: string, guildId: string, after: string | undefined, limit: number): Promise<Ban[]> {
    await this.deps.access.require(guildId, userId, "BAN_MEMBERS");
    return (await this.deps.store.repos.bans.list(guildId, after, limit)).map(({ ban, user }) => toBan(ban, user));
  }

  async get(userId: string, guildId: string, targetId: string): Promise<Ban> {
    await this.deps.access.require(guildId, userId, "BAN_MEMBERS");
    const { bans, users } = this.deps.store.repos;
    const ban = await bans.find(guildId, targetId);
    const user = ban && (await users.findById(targetId));
    if (!ban || !user) throw notFound("Ban", "UNKNOWN_BAN");
    return toBan(ban, user);
  }

  /**
   * BAN_MEMBERS and, if the user is a member, outranking them. delete_message_seconds is stored with the ban and
   * carried on GUILD_BAN_ADD so message deletion can be applied by the messaging side.
   */
  async ban(actor: Actor, guildId: string, targetId: string, input: CreateBan): Promise<Ban> {
    const access = await this.deps.access.require(guildId, actor.userId, "BAN_MEMBERS");
    if (targetId === actor.userId) throw invalidField("user_id", "you cannot ban yourself");
    const now = this.deps.now();
    const { ban, wasMember } = await this.deps.store.transaction(async (repos) => {
      const user = await repos.users.findById(targetId);
      if (!user) throw notFound("User", "UNKNOWN_USER");
      const member = await repos.members.find(guildId, targetId);
      if (member) {
        const roles = await repos.members.roleIdsFor(guildId, [targetId]);
        access.requireOutranks({ user_id: targetId, role_ids: roles.get(targetId) ?? [] });
        await repos.members.delete(guildId, targetId);
      }
      const row = {
        guild_id: guildId,
        user_id: targetId,
        reason: input.reason || actor.reason || null,
        delete_message_seconds: input.delete_message_seconds,
        moderator_id: actor.userId,
        created_at: now,
      };
      await repos.bans.put(row);
      await repos.auditLog.insert(
        auditEntry(this.deps.ids, {
          guildId,
          actor: { userId: actor.userId, reason: row.reason ?? undefined },
          action: "member_ban_add",
          targetId,
          changes: [{ key: "delete_message_seconds", new_value: row.delete_message_seconds }],
          now,
        }),
      );
      return { ban: toBan(row, user), wasMember: member !== undefined };
    });
    if (wasMember) await this.deps.membership.announceRemoval(guildId, targetId);
    await this.deps.events.toGuild(guildId, "GUILD_BAN_ADD", ban, { permission: "BAN_MEMBERS" });
    return ban;
  }

  async unban(actor: Actor, guildId: string, targetId: string): Promise<void> {
    await this.deps.access.require(guildId, actor.userId, "BAN_MEMBERS");
    const user = await this.deps.store.transaction(async (repos) => {
      if (!(await repos.bans.delete(guildId, targetId))) throw notFound("Ban", "UNKNOWN_BAN");
      await repos.auditLog.insert(
        auditEntry(this.deps.ids, { guildId, actor, action: "member_ban_remove", targetId, now: this.deps.now() }),
      );
      return repos.users.findById(targetId);
    });
    if (user) {
      await this.deps.events.toGuild(
        guildId,
        "GUILD_BAN_REMOVE",
        { guild_id: guildId, user: toPublicUser(user) },
        { permission: "BAN_MEMBERS" },
      );
    }
  }
}
