/** Guild members: list, view, edit (nickname, roles, timeout), kick, and role assignment — within the hierarchy. */
import { MAX_TIMEOUT_MS, type Member, type UpdateMember } from "@nexus/protocol";
import type { AccessService } from "../../access/access.service.js";
import type { MemberAccess } from "../../access/member-access.js";
import { invalidField, notFound } from "../../errors.js";
import type { SnowflakeGenerator } from "../../ids/snowflake.js";
import type { MemberRow } from "../../storage/repositories/member.repository.js";
import type { Repositories, Store } from "../../storage/store.js";
import { type Actor, auditEntry, diffChanges } from "../audit/audit-entry.js";
import type { CommunityEvents } from "../community-events.js";
import { toMember } from "../guilds/community-presenter.js";
import type { MembershipService } from "./membership.service.js";
import type { TimeoutExpiry } from "./timeout-expiry.js";

export interface MemberServiceDeps {
  store: Store;
  access: AccessService;
  events: CommunityEvents;
  membership: MembershipService;
  timeoutExpiry: Pick<TimeoutExpiry, "wake">;
  ids: SnowflakeGenerator;
  now: () => number;
}

export const unknownMember = () => notFound("Member", "UNKNOWN_MEMBER");

export class MemberService {
  constructor(private readonly deps: MemberServiceDeps) {}

  async list(userId: string, guildId: string, after: string | undefined, limit: number): Promise<Member[]> {
    await this.deps.access.member(guildId, userId);
    return (await this.deps.store.repos.members.list(guildId, { after, limit })).map(toMember);
  }

  async get(userId: string, guildId: string, targetId: string): Promise<Member> {
    await this.deps.access.member(guildId, userId);
    return this.load(this.deps.store.repos, guildId, targetId);
  }

  /**
   * Nickname: your own with CHANGE_NICKNAME, others' with MANAGE_NICKNAMES. Roles: MANAGE_ROLES, and every added or
   * removed role below your highest. Timeout: MODERATE_MEMBERS, at most 28 days ahead. Acting on anyone but
   * yourself needs you to outrank them.
   */
  async update(actor: Actor, guildId: string, targetId: string, input: UpdateMember): Promise<Member> {
    const access = await this.deps.access.member(guildId, actor.userId);
    const self = targetId === actor.userId;
    const now = this.deps.now();
    const timeoutUntil = input.timeout_until == null ? input.timeout_until : Date.parse(input.timeout_until);
    if (typeof timeoutUntil === "number" && timeoutUntil > now + MAX_TIMEOUT_MS) {
      throw invalidField("timeout_until", "must be at most 28 days ahead");
    }
    const result = await this.deps.store.transaction(async (repos) => {
      const before = await this.load(repos, guildId, targetId);
      const target = await this.targetAccess(access, repos, guildId, targetId);
      const changes: Partial<MemberRow> = {};
      if (input.nickname !== undefined) {
        access.require(self ? "CHANGE_NICKNAME" : "MANAGE_NICKNAMES");
        if (!self) access.requireOutranks(target);
        changes.nickname = input.nickname || null;
      }
      if (timeoutUntil !== undefined) {
        access.require("MODERATE_MEMBERS");
        access.requireOutranks(target);
        changes.timeout_until = timeoutUntil === null || timeoutUntil <= now ? null : timeoutUntil;
      }
      if (Object.keys(changes).length > 0) await repos.members.update(guildId, targetId, changes);
      if (input.roles !== undefined) await this.setRoles(access, repos, guildId, target, input.roles);
      const after = await this.load(repos, guildId, targetId);
      const memberChanges = diffChanges(before, after, ["nickname", "timeout_until"]);
      if (memberChanges.length > 0) await this.audit(repos, actor, guildId, "member_update", targetId, memberChanges);
      const roleChanges = diffChanges(before, after, ["roles"]);
      if (roleChanges.length > 0) await this.audit(repos, actor, guildId, "member_role_update", targetId, roleChanges);
      return { after, changed: memberChanges.length + roleChanges.length > 0 };
    });
    if (typeof timeoutUntil === "number" && timeoutUntil > now) this.deps.timeoutExpiry.wake(timeoutUntil);
    if (result.changed) await this.announce(guildId, result.after);
    return result.after;
  }

  async addRole(actor: Actor, guildId: string, targetId: string, roleId: string): Promise<void> {
    await this.changeRole(actor, guildId, targetId, roleId, "add");
  }

  async removeRole(actor: Actor, guildId: string, targetId: string, roleId: string): Promise<void> {
    await this.changeRole(actor, guildId, targetId, roleId, "remove");
  }

  /** KICK_MEMBERS and outranking the target; they may come back with a new invite. */
  async kick(actor: Actor, guildId: string, targetId: string): Promise<void> {
    const access = await this.deps.access.require(guildId, actor.userId, "KICK_MEMBERS");
    await this.deps.store.transaction(async (repos) => {
      const target = await this.targetAccess(access, repos, guildId, targetId);
      if (targetId === actor.userId) throw invalidField("user_id", "use DELETE /users/@me/guilds/{id} to leave");
      access.requireOutranks(target);
      await repos.members.delete(guildId, targetId);
      await this.audit(repos, actor, guildId, "member_kick", targetId, []);
    });
    await this.deps.membership.announceRemoval(guildId, targetId);
  }

  private async changeRole(actor: Actor, guildId: string, targetId: string, roleId: string, op: "add" | "remove") {
    const access = await this.deps.access.require(guildId, actor.userId, "MANAGE_ROLES");
    const result = await this.deps.store.transaction(async (repos) => {
      const before = await this.load(repos, guildId, targetId);
      const target = await this.targetAccess(access, repos, guildId, targetId);
      const has = before.roles.includes(roleId);
      const next = op === "add" ? [...before.roles, roleId] : before.roles.filter((id) => id !== roleId);
      if ((op === "add" && has) || (op === "remove" && !has)) {
        await this.requireAssignableRole(access, repos, guildId, roleId);
        return undefined;
      }
      await this.setRoles(access, repos, guildId, target, next);
      const after = await this.load(repos, guildId, targetId);
      await this.audit(repos, actor, guildId, "member_role_update", targetId, diffChanges(before, after, ["roles"]));
      return after;
    });
    if (result) await this.announce(guildId, result);
  }

  /** Applies a new role set; each role added or removed must exist and be below the actor's highest role. */
  private async setRoles(
    access: MemberAccess,
    repos: Repositories,
    guildId: string,
    target: MemberAccess["member"],
    roleIds: readonly string[],
  ): Promise<void> {
    const current = new Set(target.role_ids);
    const wanted = new Set(roleIds);
    const added = [...wanted].filter((id) => !current.has(id));
    const removed = [...current].filter((id) => !wanted.has(id));
    if (added.length + removed.length === 0) return;
    access.require("MANAGE_ROLES");
    if (target.user_id !== access.userId) access.requireOutranks(target);
    for (const id of [...added, ...removed]) await this.requireAssignableRole(access, repos, guildId, id);
    await repos.members.addRoles(guildId, target.user_id, added);
    await repos.members.removeRoles(guildId, target.user_id, removed);
  }

  private async requireAssignableRole(access: MemberAccess, repos: Repositories, guildId: string, roleId: string) {
    const role = await repos.roles.find(guildId, roleId);
    if (!role) throw notFound("Role", "UNKNOWN_ROLE");
    if (role.id === guildId) throw invalidField("roles", "@everyone is not assigned; every member has it");
    access.requireRoleBelow(role.position, role.name);
  }

  /** The target as the resolver sees them (for hierarchy checks); 404 if not a member. */
  private async targetAccess(access: MemberAccess, repos: Repositories, guildId: string, targetId: string) {
    const row = await repos.members.find(guildId, targetId);
    if (!row) throw unknownMember();
    if (targetId === access.userId) return access.member;
    const roles = await repos.members.roleIdsFor(guildId, [targetId]);
    return { user_id: targetId, role_ids: roles.get(targetId) ?? [], timeout_until: row.timeout_until };
  }

  private async load(repos: Repositories, guildId: string, userId: string): Promise<Member> {
    const found = await repos.members.findWithUser(guildId, userId);
    if (!found) throw unknownMember();
    return toMember(found);
  }

  private async announce(guildId: string, member: Member): Promise<void> {
    this.deps.access.changed({ guild_id: guildId, user_id: member.user.id });
    await this.deps.events.toGuild(guildId, "GUILD_MEMBER_UPDATE", member);
  }

  private audit(
    repos: Repositories,
    actor: Actor,
    guildId: string,
    action: "member_update" | "member_role_update" | "member_kick",
    targetId: string,
    changes: ReturnType<typeof diffChanges>,
  ) {
    return repos.auditLog.insert(
      auditEntry(this.deps.ids, { guildId, actor, action, targetId, changes, now: this.deps.now() }),
    );
  }
}
