/** Guilds: create (with default channels and @everyone), list, view, edit, transfer, delete, the directory. */
import {
  type CreateGuild,
  DEFAULT_BITRATE,
  DEFAULT_EVERYONE_PERMISSIONS,
  type DirectoryPage,
  type Guild,
  type GuildSnapshot,
  serializePermissions,
  type UpdateGuild,
} from "@nexus/protocol";
import type { AccessService } from "../../access/access.service.js";
import { invalidField, notFound } from "../../errors.js";
import type { SnowflakeGenerator } from "../../ids/snowflake.js";
import type { GuildRow } from "../../storage/repositories/guild.repository.js";
import type { Store } from "../../storage/store.js";
import { type Actor, auditEntry, diffChanges } from "../audit/audit-entry.js";
import type { CommunityEvents } from "../community-events.js";
import type { GuildSnapshots } from "../members/guild-snapshots.js";
import { MembershipService } from "../members/membership.service.js";
import type { ProfileImageJanitor } from "../profile-images/profile-image-janitor.js";
import { toGuild } from "./community-presenter.js";

export interface GuildServiceDeps {
  store: Store;
  access: AccessService;
  events: CommunityEvents;
  snapshots: GuildSnapshots;
  membership: MembershipService;
  /** Deletes a deleted guild's icon and banner files. */
  images: Pick<ProfileImageJanitor, "removeAll">;
  ids: SnowflakeGenerator;
  now: () => number;
}

export class GuildService {
  constructor(private readonly deps: GuildServiceDeps) {}

  /** The creator becomes owner; @everyone (id = guild id), a category, #general and a General voice channel. */
  async create(userId: string, input: CreateGuild): Promise<GuildSnapshot> {
    const { ids, now } = this.deps;
    const guildId = ids.next();
    const at = now();
    await this.deps.store.transaction(async (repos) => {
      await MembershipService.assertBelowGuildLimit(repos, userId);
      await repos.guilds.insert({
        id: guildId,
        name: input.name,
        name_key: input.name.toLowerCase(),
        icon: null,
        banner: null,
        description: null,
        owner_id: userId,
        discoverable: 0,
        created_at: at,
      });
      await repos.roles.insert({
        id: guildId,
        guild_id: guildId,
        name: "@everyone",
        color: 0,
        hoist: 0,
        mentionable: 0,
        permissions: serializePermissions(DEFAULT_EVERYONE_PERMISSIONS),
        position: 0,
        created_at: at,
      });
      await repos.members.insert({
        guild_id: guildId,
        user_id: userId,
        nickname: null,
        joined_at: at,
        timeout_until: null,
      });
      const categoryId = ids.next();
      const channel = { guild_id: guildId, topic: null, nsfw: 0, slowmode_seconds: 0, created_at: at };
      await repos.channels.insert({
        ...channel,
        id: categoryId,
        type: "category",
        name: "Channels",
        position: 0,
        parent_id: null,
        bitrate: null,
        user_limit: null,
      });
      await repos.channels.insert({
        ...channel,
        id: ids.next(),
        type: "text",
        name: "general",
        position: 0,
        parent_id: categoryId,
        bitrate: null,
        user_limit: null,
      });
      await repos.channels.insert({
        ...channel,
        id: ids.next(),
        type: "voice",
        name: "General",
        position: 1,
        parent_id: categoryId,
        bitrate: DEFAULT_BITRATE,
        user_limit: 0,
      });
    });
    const snapshot = await this.requireSnapshot(guildId);
    await this.deps.events.toUser(userId, "GUILD_CREATE", snapshot, guildId);
    return snapshot;
  }

  async listMine(userId: string): Promise<Guild[]> {
    return (await this.deps.store.repos.guilds.listForUser(userId)).map(toGuild);
  }

  /** The guild as the caller sees it: roles, the channels they can view, member count. */
  async get(userId: string, guildId: string): Promise<GuildSnapshot> {
    const access = await this.deps.access.member(guildId, userId);
    const snapshot = await this.deps.snapshots.full(guildId, access.visibleChannelIds());
    if (!snapshot) throw notFound("Guild", "UNKNOWN_GUILD");
    return snapshot;
  }

  /** Every guild of a user as they see it (the gateway's READY). */
  async snapshotsFor(userId: string): Promise<GuildSnapshot[]> {
    const snapshots: GuildSnapshot[] = [];
    for (const guild of await this.deps.store.repos.guilds.listForUser(userId)) {
      const visible = await this.deps.access.visibleChannelIds(guild.id, userId);
      const snapshot = await this.deps.snapshots.full(guild.id, visible);
      if (snapshot) snapshots.push(snapshot);
    }
    return snapshots;
  }

  /** MANAGE_GUILD for the settings; only the owner may hand ownership to another member. */
  async update(actor: Actor, guildId: string, input: UpdateGuild): Promise<Guild> {
    const access = await this.deps.access.member(guildId, actor.userId);
    const { owner_id, ...settings } = input;
    if (Object.keys(settings).length > 0) access.require("MANAGE_GUILD");
    if (owner_id !== undefined) access.requireOwner("transfer ownership");
    const { before, after } = await this.deps.store.transaction(async (repos) => {
      const row = await repos.guilds.findById(guildId);
      if (!row) throw notFound("Guild", "UNKNOWN_GUILD");
      if (owner_id !== undefined && !(await repos.members.find(guildId, owner_id))) {
        throw invalidField("owner_id", "must be a member of this server");
      }
      const changes: Partial<GuildRow> = {};
      if (settings.name !== undefined)
        Object.assign(changes, { name: settings.name, name_key: settings.name.toLowerCase() });
      if (settings.description !== undefined) changes.description = settings.description || null;
      if (settings.discoverable !== undefined) changes.discoverable = settings.discoverable ? 1 : 0;
      if (owner_id !== undefined) changes.owner_id = owner_id;
      const next = { ...row, ...changes };
      if (next.discoverable === 1 && !next.description) {
        throw invalidField("description", "is required for a server listed in the directory");
      }
      if (Object.keys(changes).length > 0) await repos.guilds.update(guildId, changes);
      const audit = diffChanges(toGuild(row), toGuild(next), ["name", "description", "discoverable", "owner_id"]);
      if (audit.length > 0) {
        await repos.auditLog.insert(
          auditEntry(this.deps.ids, {
            guildId,
            actor,
            action: "guild_update",
            targetId: guildId,
            changes: audit,
            now: this.deps.now(),
          }),
        );
      }
      return { before: row, after: next };
    });
    const guild = toGuild(after);
    if (before.owner_id !== after.owner_id) this.deps.access.changed({ guild_id: guildId });
    await this.deps.events.toGuild(guildId, "GUILD_UPDATE", guild);
    return guild;
  }

  /** Owner only; everything in the guild goes with it. */
  async delete(userId: string, guildId: string): Promise<void> {
    const access = await this.deps.access.member(guildId, userId);
    access.requireOwner("delete the server");
    await this.deps.store.repos.guilds.delete(guildId);
    await this.deps.images.removeAll([
      { kind: "icon", id: guildId },
      { kind: "banner", id: guildId },
    ]);
    this.deps.access.changed({ guild_id: guildId });
    await this.deps.events.toGuild(guildId, "GUILD_DELETE", { id: guildId, unavailable: false });
  }

  async searchDirectory(query: string, limit: number, offset: number): Promise<DirectoryPage> {
    const { rows, total } = await this.deps.store.repos.guilds.searchDirectory(query, limit, offset);
    return { guilds: rows, total };
  }

  /** Join a directory-listed guild without an invite; unlisted guilds look like they do not exist. */
  async joinFromDirectory(userId: string, guildId: string): Promise<Guild> {
    const guild = await this.deps.store.repos.guilds.findById(guildId);
    if (guild?.discoverable !== 1) throw notFound("Guild", "UNKNOWN_GUILD");
    return this.deps.membership.join(guildId, userId);
  }

  private async requireSnapshot(guildId: string): Promise<GuildSnapshot> {
    const snapshot = await this.deps.snapshots.full(guildId);
    if (!snapshot) throw notFound("Guild", "UNKNOWN_GUILD");
    return snapshot;
  }
}
