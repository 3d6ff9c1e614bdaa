/** Roles: list, create (at the bottom, above @everyone), edit, delete and reorder, within the role hierarchy. */
import {
  type CreateRole,
  MAX_ROLES_PER_GUILD,
  parsePermissions,
  type Role,
  type RolePositions,
  serializePermissions,
  type UpdateRole,
} from "@nexus/protocol";
import type { AccessService } from "../../access/access.service.js";
import { invalidField, notFound } from "../../errors.js";
import type { SnowflakeGenerator } from "../../ids/snowflake.js";
import type { RoleRow } from "../../storage/repositories/role.repository.js";
import type { RolesTable } from "../../storage/schema.js";
import type { Repositories, Store } from "../../storage/store.js";
import { type Actor, auditEntry, createdChanges, deletedChanges, diffChanges } from "../audit/audit-entry.js";
import type { ChannelService } from "../channels/channel.service.js";
import type { CommunityEvents } from "../community-events.js";
import { toMember, toRole } from "../guilds/community-presenter.js";

export interface RoleServiceDeps {
  store: Store;
  access: AccessService;
  events: CommunityEvents;
  channels: ChannelService;
  ids: SnowflakeGenerator;
  now: () => number;
}

const unknownRole = () => notFound("Role", "UNKNOWN_ROLE");

/**
 * The new order of the non-@everyone roles, bottom first (index 0 is position 1): each requested role lands at its
 * requested position (clamped; the nearest free slot if two ask for the same), the others keep their relative order.
 */
export function arrangeRoles(rows: readonly RoleRow[], requested: ReadonlyMap<string, number>): RoleRow[] {
  const slots: (RoleRow | undefined)[] = new Array(rows.length).fill(undefined);
  const wanted = rows
    .filter((r) => requested.has(r.id))
    .sort((a, b) => (requested.get(a.id) ?? 0) - (requested.get(b.id) ?? 0));
  for (const role of wanted) {
    const target = Math.min(Math.max((requested.get(role.id) ?? 1) - 1, 0), rows.length - 1);
    let slot = target;
    while (slot < rows.length && slots[slot]) slot++;
    if (slot === rows.length) {
      slot = target;
      while (slots[slot]) slot--;
    }
    slots[slot] = role;
  }
  const rest = rows.filter((r) => !requested.has(r.id)).sort((a, b) => a.position - b.position);
  for (let i = 0; i < slots.length; i++) slots[i] ??= rest.shift();
  return slots.filter((r): r is RoleRow => r !== undefined);
}

export class RoleService {
  constructor(private readonly deps: RoleServiceDeps) {}

  async list(userId: string, guildId: string): Promise<Role[]> {
    await this.deps.access.member(guildId, userId);
    return (await this.deps.store.repos.roles.listByGuild(guildId)).map(toRole);
  }

  /** New roles start at position 1 (just above @everyone) so any role manager can still manage them. */
  async create(actor: Actor, guildId: string, input: CreateRole): Promise<Role> {
    const access = await this.deps.access.require(guildId, actor.userId, "MANAGE_ROLES");
    const permissions = parsePermissions(input.permissions ?? "0");
    access.requireCanGrant(permissions);
    const id = this.deps.ids.next();
    const { created, shifted } = await this.deps.store.transaction(async (repos) => {
      const roles = await repos.roles.listByGuild(guildId);
      if (roles.length >= MAX_ROLES_PER_GUILD) {
        throw invalidField("roles", `a server can have at most ${MAX_ROLES_PER_GUILD} roles`);
      }
      const shifted: RoleRow[] = [];
      for (const role of roles.filter((r) => r.position >= 1)) {
        await repos.roles.update(role.id, { position: role.position + 1 });
        shifted.push({ ...role, position: role.position + 1 });
      }
      const row: RoleRow = {
        id,
        guild_id: guildId,
        name: input.name,
        color: input.color ?? 0,
        hoist: input.hoist ? 1 : 0,
        mentionable: input.mentionable ? 1 : 0,
        permissions: serializePermissions(permissions),
        position: 1,
        created_at: this.deps.now(),
      };
      await repos.roles.insert(row);
      await repos.guilds.bumpAccessVersion(guildId);
      const { id: _id, guild_id: _g, ...fields } = toRole(row);
      await this.audit(repos, actor, guildId, "role_create", id, createdChanges(fields));
      return { created: toRole(row), shifted };
    });
    this.deps.access.changed({ guild_id: guildId });
    await this.deps.events.toGuild(guildId, "GUILD_ROLE_CREATE", { guild_id: guildId, role: created });
    for (const role of shifted)
      await this.deps.events.toGuild(guildId, "GUILD_ROLE_UPDATE", { guild_id: guildId, role: toRole(role) });
    return created;
  }

  async update(actor: Actor, guildId: string, roleId: string, input: UpdateRole): Promise<Role> {
    const access = await this.deps.access.require(guildId, actor.userId, "MANAGE_ROLES");
    const { before, after } = await this.deps.store.transaction(async (repos) => {
      const row = await repos.roles.find(guildId, roleId);
      if (!row) throw unknownRole();
      access.requireRoleBelow(row.position, row.name);
      if (roleId === guildId && input.name !== undefined && input.name !== row.name) {
        throw invalidField("name", "@everyone cannot be renamed");
      }
      const changes: Partial<RolesTable> = {};
      if (input.name !== undefined) changes.name = input.name;
      if (input.color !== undefined) changes.color = input.color;
      if (input.hoist !== undefined) changes.hoist = input.hoist ? 1 : 0;
      if (input.mentionable !== undefined) changes.mentionable = input.mentionable ? 1 : 0;
      if (input.permissions !== undefined) {
        const next = parsePermissions(input.permissions);
        access.requireCanGrant(next ^ parsePermissions(row.permissions));
        changes.permissions = serializePermissions(next);
      }
      const next = { ...row, ...changes };
      if (Object.keys(changes).length > 0) await repos.roles.update(roleId, changes);
      if (next.permissions !== row.permissions) await repos.guilds.bumpAccessVersion(guildId);
      const audit = diffChanges(toRole(row), toRole(next), ["name", "color", "hoist", "mentionable", "permissions"]);
      if (audit.length > 0) await this.audit(repos, actor, guildId, "role_update", roleId, audit);
      return { before: row, after: next };
    });
    if (before.permissions !== after.permissions) this.deps.access.changed({ guild_id: guildId });
    const role = toRole(after);
    await this.deps.events.toGuild(guildId, "GUILD_ROLE_UPDATE", { guild_id: guildId, role });
    return role;
  }

  /**
   * Members lose the role and channels lose its overwrites; @everyone cannot be deleted. The roles above it move
   * down one, so positions stay 1..n with no gaps (each moved role is announced with GUILD_ROLE_UPDATE).
   */
  async delete(actor: Actor, guildId: string, roleId: string): Promise<void> {
    const access = await this.deps.access.require(guildId, actor.userId, "MANAGE_ROLES");
    if (roleId === guildId) throw invalidField("role_id", "@everyone cannot be deleted");
    const { holders, channelIds, shifted } = await this.deps.store.transaction(async (repos) => {
      const row = await repos.roles.find(guildId, roleId);
      if (!row) throw unknownRole();
      access.requireRoleBelow(row.position, row.name);
      const holders = await repos.members.userIdsWithRole(roleId);
      const channelIds = await repos.channels.deleteOverwritesForTarget(guildId, roleId);
      await repos.roles.delete(roleId);
      const shifted = await this.renumber(repos, guildId);
      await repos.guilds.bumpAccessVersion(guildId);
      const { id: _id, guild_id: _g, ...fields } = toRole(row);
      await this.audit(repos, actor, guildId, "role_delete", roleId, deletedChanges(fields));
      return { holders, channelIds, shifted };
    });
    this.deps.access.changed({ guild_id: guildId });
    await this.deps.events.toGuild(guildId, "GUILD_ROLE_DELETE", { guild_id: guildId, role_id: roleId });
    const { repos } = this.deps.store;
    for (const channelId of channelIds) {
      await this.deps.events.toGuild(guildId, "CHANNEL_UPDATE", await this.deps.channels.load(repos, channelId), {
        channelId,
      });
    }
    if (holders.length > 0) {
      for (const member of await repos.members.list(guildId, { userIds: holders, limit: holders.length })) {
        await this.deps.events.toGuild(guildId, "GUILD_MEMBER_UPDATE", toMember(member));
      }
    }
    for (const role of shifted) {
      await this.deps.events.toGuild(guildId, "GUILD_ROLE_UPDATE", { guild_id: guildId, role: toRole(role) });
    }
  }

  /** Renumbers the non-@everyone roles 1..n in their current order; returns those whose position changed. */
  private async renumber(repos: Repositories, guildId: string): Promise<RoleRow[]> {
    const rows = (await repos.roles.listByGuild(guildId)).filter((r) => r.id !== guildId);
    const moved: RoleRow[] = [];
    for (const [index, role] of rows.entries()) {
      if (role.position === index + 1) continue;
      await repos.roles.update(role.id, { position: index + 1 });
      moved.push({ ...role, position: index + 1 });
    }
    return moved;
  }

  /**
   * Bulk reorder. The requested positions are applied, then all roles are renumbered 1..n in that order
   * (@everyone stays 0). Every role whose position changes must be below the actor's highest role before and after.
   */
  async updatePositions(actor: Actor, guildId: string, positions: RolePositions): Promise<Role[]> {
    const access = await this.deps.access.require(guildId, actor.userId, "MANAGE_ROLES");
    const { roles, moved } = await this.deps.store.transaction(async (repos) => {
      const rows = (await repos.roles.listByGuild(guildId)).filter((r) => r.id !== guildId);
      const requested = new Map<string, number>();
      for (const [index, entry] of positions.entries()) {
        if (!rows.some((r) => r.id === entry.id))
          throw invalidField(`${index}.id`, "is not a movable role of this server");
        requested.set(entry.id, entry.position);
      }
      const ordered = arrangeRoles(rows, requested);
      const moved: RoleRow[] = [];
      for (const [index, role] of ordered.entries()) {
        const position = index + 1;
        if (position === role.position) continue;
        access.requireRoleBelow(role.position, role.name);
        access.requireRoleBelow(position, role.name);
        await repos.roles.update(role.id, { position });
        await this.audit(repos, actor, guildId, "role_update", role.id, [
          { key: "position", old_value: role.position, new_value: position },
        ]);
        moved.push({ ...role, position });
      }
      if (moved.length > 0) await repos.guilds.bumpAccessVersion(guildId);
      return { roles: await repos.roles.listByGuild(guildId), moved };
    });
    if (moved.length > 0) this.deps.access.changed({ guild_id: guildId });
    for (const role of moved)
      await this.deps.events.toGuild(guildId, "GUILD_ROLE_UPDATE", { guild_id: guildId, role: toRole(role) });
    return roles.map(toRole);
  }

  private audit(
    repos: Repositories,
    actor: Actor,
    guildId: string,
    action: "role_create" | "role_update" | "role_delete",
    roleId: string,
    changes: ReturnType<typeof diffChanges>,
  ) {
    return repos.auditLog.insert(
      auditEntry(this.deps.ids, { guildId, actor, action, targetId: roleId, changes, now: this.deps.now() }),
    );
  }
}
