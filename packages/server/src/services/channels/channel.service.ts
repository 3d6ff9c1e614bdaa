/** Guild channels: list, create, view, edit (incl. sync with category), delete, reorder. */
import {
  type Channel,
  type ChannelPositions,
  type CreateChannel,
  DEFAULT_BITRATE,
  MAX_CHANNELS_PER_GUILD,
  parsePermissions,
  type UpdateChannel,
} from "@nexus/protocol";
import { type AccessService, unknownChannel } from "../../access/access.service.js";
import type { MemberAccess } from "../../access/member-access.js";
import { invalidField } from "../../errors.js";
import type { SnowflakeGenerator } from "../../ids/snowflake.js";
import type { GuildChannelRow, OverwriteRow } from "../../storage/repositories/channel.repository.js";
import type { ChannelsTable } from "../../storage/schema.js";
import type { Repositories, Store } from "../../storage/store.js";
import { type Actor, auditEntry, createdChanges, deletedChanges, diffChanges } from "../audit/audit-entry.js";
import type { CommunityEvents } from "../community-events.js";
import { toChannel } from "../guilds/community-presenter.js";
import { renumberChannels } from "./channel-positions.js";
import { assertFieldsFitType, normalizeChannelName } from "./channel-rules.js";
import { assertOverwriteTargets } from "./overwrite.service.js";

export interface ChannelServiceDeps {
  store: Store;
  access: AccessService;
  events: CommunityEvents;
  ids: SnowflakeGenerator;
  now: () => number;
}

const AUDITED_FIELDS = [
  "name",
  "type",
  "topic",
  "position",
  "parent_id",
  "nsfw",
  "slowmode_seconds",
  "bitrate",
  "user_limit",
] as const;

export class ChannelService {
  constructor(private readonly deps: ChannelServiceDeps) {}

  /** The guild's channels the caller can view. */
  async list(userId: string, guildId: string): Promise<Channel[]> {
    const access = await this.deps.access.member(guildId, userId);
    const visible = new Set(access.visibleChannelIds());
    const { channels } = this.deps.store.repos;
    const [rows, overwrites] = await Promise.all([channels.listByGuild(guildId), channels.overwritesForGuild(guildId)]);
    return rows
      .filter((c) => visible.has(c.id))
      .map((c) =>
        toChannel(
          c,
          overwrites.filter((o) => o.channel_id === c.id),
        ),
      );
  }

  async get(userId: string, channelId: string): Promise<Channel> {
    await this.deps.access.channel(channelId, userId);
    return this.load(this.deps.store.repos, channelId);
  }

  async create(actor: Actor, guildId: string, input: CreateChannel): Promise<Channel> {
    const access = await this.deps.access.require(guildId, actor.userId, "MANAGE_CHANNELS");
    assertFieldsFitType(input.type, input);
    if (input.permission_overwrites) {
      access.requireCanGrant(
        input.permission_overwrites.reduce(
          (bits, o) => bits | parsePermissions(o.allow) | parsePermissions(o.deny),
          0n,
        ),
      );
    }
    const id = this.deps.ids.next();
    const { channel, shifted } = await this.deps.store.transaction(async (repos) => {
      if ((await repos.channels.countByGuild(guildId)) >= MAX_CHANNELS_PER_GUILD) {
        throw invalidField("channels", `a server can have at most ${MAX_CHANNELS_PER_GUILD} channels`);
      }
      const parent = input.parent_id ? await this.requireCategory(repos, guildId, input.parent_id) : undefined;
      const siblings = (await repos.channels.listByGuild(guildId)).filter((c) => c.parent_id === (parent?.id ?? null));
      await repos.channels.insert({
        id,
        guild_id: guildId,
        type: input.type,
        name: normalizeChannelName(input.type, input.name),
        topic: input.topic ?? null,
        position: input.position ?? siblings.reduce((max, c) => Math.max(max, c.position + 1), 0),
        parent_id: parent?.id ?? null,
        nsfw: input.nsfw ? 1 : 0,
        slowmode_seconds: input.slowmode_seconds ?? 0,
        bitrate: input.type === "voice" ? (input.bitrate ?? DEFAULT_BITRATE) : null,
        user_limit: input.type === "voice" ? (input.user_limit ?? 0) : null,
        created_at: this.deps.now(),
      });
      const overwrites: OverwriteRow[] = input.permission_overwrites
        ? input.permission_overwrites.map((o) => ({
            channel_id: id,
            target_id: o.id,
            guild_id: guildId,
            type: o.type,
            allow: o.allow,
            deny: o.deny,
          }))
        : parent
          ? (await repos.channels.overwritesForChannel(parent.id)).map((o) => ({ ...o, channel_id: id }))
          : [];
      await assertOverwriteTargets(repos, guildId, overwrites);
      await repos.channels.replaceOverwrites(id, overwrites);
      const shifted = await this.renumber(repos, guildId, input.position !== undefined ? [id] : [], [id]);
      await repos.guilds.bumpAccessVersion(guildId);
      const created = await this.load(repos, id);
      const { id: _id, guild_id: _g, permission_overwrites: _o, ...fields } = created;
      await repos.auditLog.insert(
        auditEntry(this.deps.ids, {
          guildId,
          actor,
          action: "channel_create",
          targetId: id,
          changes: createdChanges(fields),
          now: this.deps.now(),
        }),
      );
      return { channel: created, shifted };
    });
    this.deps.access.changed({ guild_id: guildId });
    await this.deps.events.toGuild(guildId, "CHANNEL_CREATE", channel, { channelId: id });
    await this.announceUpdates(guildId, shifted);
    return channel;
  }

  async update(actor: Actor, channelId: string, input: UpdateChannel): Promise<Channel> {
    const access = await this.deps.access.channel(channelId, actor.userId, "MANAGE_CHANNELS");
    if (input.lock_permissions) access.require("MANAGE_ROLES", channelId);
    const guildId = access.guild.id;
    const { before, after, shifted } = await this.deps.store.transaction(async (repos) => {
      const row = await this.requireRow(repos, channelId);
      const type = row.type as Channel["type"];
      if (input.type !== undefined && type !== "text" && type !== "announcement") {
        throw invalidField("type", "only text and announcement channels can change type");
      }
      const nextType = input.type ?? type;
      assertFieldsFitType(nextType, input);
      const changes: Partial<ChannelsTable> = {};
      if (input.name !== undefined) changes.name = normalizeChannelName(nextType, input.name);
      if (input.type !== undefined) changes.type = input.type;
      if (input.topic !== undefined) changes.topic = input.topic || null;
      if (input.position !== undefined) changes.position = input.position;
      if (input.nsfw !== undefined) changes.nsfw = input.nsfw ? 1 : 0;
      if (input.slowmode_seconds !== undefined) changes.slowmode_seconds = input.slowmode_seconds;
      if (input.bitrate !== undefined) changes.bitrate = input.bitrate;
      if (input.user_limit !== undefined) changes.user_limit = input.user_limit;
      if (input.parent_id !== undefined) {
        changes.parent_id = input.parent_id
          ? (await this.requireCategory(repos, guildId, input.parent_id, channelId)).id
          : null;
      }
      const before = await this.load(repos, channelId);
      if (Object.keys(changes).length > 0) await repos.channels.update(channelId, changes);
      if (input.lock_permissions) {
        await this.syncWithCategory(
          repos,
          access,
          row,
          changes.parent_id !== undefined ? changes.parent_id : row.parent_id,
        );
      }
      const moved = changes.position !== undefined || changes.parent_id !== undefined;
      const placed = changes.position !== undefined ? [channelId] : [];
      const shifted = moved ? await this.renumber(repos, guildId, placed, [channelId]) : [];
      const after = await this.load(repos, channelId);
      const audit = diffChanges(before, after, [...AUDITED_FIELDS, "permission_overwrites"]);
      if (audit.length > 0) {
        await repos.auditLog.insert(
          auditEntry(this.deps.ids, {
            guildId,
            actor,
            action: "channel_update",
            targetId: channelId,
            changes: audit,
            now: this.deps.now(),
          }),
        );
      }
      return { before, after, shifted };
    });
    if (JSON.stringify(before.permission_overwrites) !== JSON.stringify(after.permission_overwrites)) {
      this.deps.access.changed({ guild_id: guildId });
    }
    await this.deps.events.toGuild(guildId, "CHANNEL_UPDATE", after, { channelId });
    await this.announceUpdates(guildId, shifted);
    return after;
  }

  /** Deleting a category moves its channels out of it; invites to the channel die with it. */
  async delete(actor: Actor, channelId: string): Promise<Channel> {
    const access = await this.deps.access.channel(channelId, actor.userId, "MANAGE_CHANNELS");
    const guildId = access.guild.id;
    const { deleted, children, invites } = await this.deps.store.transaction(async (repos) => {
      const deleted = await this.load(repos, channelId);
      const invites = await repos.invites.listByChannel(channelId);
      const childIds = await repos.channels.detachChildren(channelId);
      await repos.channels.delete(channelId);
      await repos.guilds.bumpAccessVersion(guildId);
      const { id: _id, guild_id: _g, permission_overwrites: _o, ...fields } = deleted;
      await repos.auditLog.insert(
        auditEntry(this.deps.ids, {
          guildId,
          actor,
          action: "channel_delete",
          targetId: channelId,
          changes: deletedChanges(fields),
          now: this.deps.now(),
        }),
      );
      const shiftedIds = await renumberChannels(repos, guildId);
      const children = await Promise.all([...new Set([...childIds, ...shiftedIds])].map((id) => this.load(repos, id)));
      return { deleted, children, invites };
    });
    this.deps.access.changed({ guild_id: guildId });
    for (const child of children)
      await this.deps.events.toGuild(guildId, "CHANNEL_UPDATE", child, { channelId: child.id });
    for (const invite of invites) {
      await this.deps.events.toGuild(
        guildId,
        "INVITE_DELETE",
        { code: invite.code, guild_id: guildId, channel_id: channelId },
        { channelId, permission: "MANAGE_CHANNELS" },
      );
    }
    await this.deps.events.toGuild(guildId, "CHANNEL_DELETE", deleted, { channelId });
    return deleted;
  }

  /**
   * Bulk reorder (and re-parent / sync). Every id must be a channel of this guild. Requested channels land on the
   * index they ask for within their parent, the rest close up around them; every channel that moved is returned
   * and announced, and each requested one gets an audit entry.
   */
  async updatePositions(actor: Actor, guildId: string, positions: ChannelPositions): Promise<Channel[]> {
    const access = await this.deps.access.require(guildId, actor.userId, "MANAGE_CHANNELS");
    const locking = positions.some((p) => p.lock_permissions);
    if (locking) access.require("MANAGE_ROLES");
    const changed = await this.deps.store.transaction(async (repos) => {
      const rows = new Map((await repos.channels.listByGuild(guildId)).map((c) => [c.id, c]));
      const before = new Map<string, Channel>();
      for (const [index, entry] of positions.entries()) {
        const row = rows.get(entry.id);
        if (!row) throw invalidField(`${index}.id`, "is not a channel of this server");
        const changes: Partial<ChannelsTable> = { position: entry.position };
        if (entry.parent_id !== undefined) {
          if (row.type === "category" && entry.parent_id)
            throw invalidField(`${index}.parent_id`, "a category cannot be inside another category");
          changes.parent_id = entry.parent_id
            ? (await this.requireCategory(repos, guildId, entry.parent_id, row.id)).id
            : null;
        }
        if (!before.has(row.id)) before.set(row.id, await this.load(repos, row.id));
        await repos.channels.update(row.id, changes);
        if (entry.lock_permissions) {
          const parentId = changes.parent_id !== undefined ? changes.parent_id : row.parent_id;
          await this.syncWithCategory(repos, access, row, parentId);
        }
      }
      const requested = [...before.keys()];
      const shifted = await this.renumber(repos, guildId, requested, []);
      const updated: Channel[] = [];
      for (const [id, old] of before) {
        const after = await this.load(repos, id);
        const audit = diffChanges(old, after, ["position", "parent_id", "permission_overwrites"]);
        if (audit.length === 0) continue;
        const entry = { guildId, actor, action: "channel_update", targetId: id, changes: audit } as const;
        await repos.auditLog.insert(auditEntry(this.deps.ids, { ...entry, now: this.deps.now() }));
        updated.push(after);
      }
      if (locking) await repos.guilds.bumpAccessVersion(guildId);
      return [...updated, ...shifted.filter((c) => !before.has(c.id))];
    });
    if (locking) this.deps.access.changed({ guild_id: guildId });
    await this.announceUpdates(guildId, changed);
    return changed;
  }

  /** Closes up positions after a change (see channel-positions.ts); the moved channels except `skip`. */
  private async renumber(
    repos: Repositories,
    guildId: string,
    placed: readonly string[],
    skip: readonly string[],
  ): Promise<Channel[]> {
    const ids = await renumberChannels(repos, guildId, new Set(placed));
    return Promise.all(ids.filter((id) => !skip.includes(id)).map((id) => this.load(repos, id)));
  }

  private async announceUpdates(guildId: string, channels: readonly Channel[]): Promise<void> {
    for (const channel of channels) {
      await this.deps.events.toGuild(guildId, "CHANNEL_UPDATE", channel, { channelId: channel.id });
    }
  }

  /** Replaces a channel's overwrites with its category's ("sync with category"). */
  private async syncWithCategory(
    repos: Repositories,
    access: MemberAccess,
    row: GuildChannelRow,
    parentId: string | null,
  ): Promise<void> {
    if (!parentId) throw invalidField("lock_permissions", "the channel is not in a category");
    const parentOverwrites = await repos.channels.overwritesForChannel(parentId);
    const current = await repos.channels.overwritesForChannel(row.id);
    const changedBits = [...parentOverwrites, ...current].reduce(
      (bits, o) => bits | parsePermissions(o.allow) | parsePermissions(o.deny),
      0n,
    );
    access.requireCanGrant(changedBits, row.id);
    await repos.channels.replaceOverwrites(
      row.id,
      parentOverwrites.map((o) => ({ ...o, channel_id: row.id })),
    );
    await repos.guilds.bumpAccessVersion(row.guild_id);
  }

  private async requireCategory(
    repos: Repositories,
    guildId: string,
    parentId: string,
    selfId?: string,
  ): Promise<GuildChannelRow> {
    const parent = await repos.channels.findById(parentId);
    if (!parent || parent.guild_id !== guildId || parent.type !== "category" || parent.id === selfId) {
      throw invalidField("parent_id", "must be a category of this server");
    }
    return parent as GuildChannelRow;
  }

  private async requireRow(repos: Repositories, channelId: string): Promise<GuildChannelRow> {
    const row = await repos.channels.findById(channelId);
    if (!row?.guild_id) throw unknownChannel();
    return row as GuildChannelRow;
  }

  async load(repos: Repositories, channelId: string): Promise<Channel> {
    const row = await this.requireRow(repos, channelId);
    return toChannel(row, await repos.channels.overwritesForChannel(channelId));
  }
}
