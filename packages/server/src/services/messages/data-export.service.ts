/**
 * Personal data export: the account, guild memberships, DMs, relationships and every message the user wrote, as
 * one JSON archive kept for a week and downloadable only by its owner.
 */
import type { DataExport } from "@nexus/protocol";
import { notFound } from "../../errors.js";
import type { SnowflakeGenerator } from "../../ids/snowflake.js";
import type { MessagingStore } from "../../storage/messaging-store.js";
import type { DataExportRepository } from "../../storage/repositories/data-export.repository.js";
import type { MessageRow } from "../../storage/repositories/message.repository.js";
import type { RelationshipService } from "../relationships/relationship.service.js";
import type { UserService } from "../users/user.service.js";
import type { DmChannelService } from "./dm-channel.service.js";

export const EXPORT_TTL_MS = 7 * 24 * 60 * 60 * 1000;
const BATCH = 1000;

export interface DataExportServiceDeps {
  exports: DataExportRepository;
  store: MessagingStore;
  users: UserService;
  relationships: RelationshipService;
  dmChannels: DmChannelService;
  ids: SnowflakeGenerator;
}

export class DataExportService {
  constructor(private readonly deps: DataExportServiceDeps) {}

  async create(userId: string): Promise<{ id: string; expires_at: string }> {
    const archive = await this.build(userId);
    const now = Date.now();
    const id = this.deps.ids.next();
    await this.deps.exports.purgeExpired(now);
    await this.deps.exports.insert({
      id,
      user_id: userId,
      body: JSON.stringify(archive),
      created_at: now,
      expires_at: now + EXPORT_TTL_MS,
    });
    return { id, expires_at: new Date(now + EXPORT_TTL_MS).toISOString() };
  }

  /** The archive's JSON text; 404 for someone else's, an expired or an unknown export. */
  async download(userId: string, exportId: string): Promise<string> {
    const row = await this.deps.exports.find(exportId, userId, Date.now());
    if (!row) throw notFound("Export");
    return row.body;
  }

  private async build(userId: string): Promise<DataExport> {
    const [account, privacy, relationships, dmChannels, memberships, roles] = await Promise.all([
      this.deps.users.getCurrent(userId),
      this.deps.relationships.getPrivacy(userId),
      this.deps.relationships.list(userId),
      this.deps.dmChannels.list(userId),
      this.deps.exports.memberships(userId),
      this.deps.exports.roleIds(userId),
    ]);
    return {
      format: "nexus-export-v1",
      exported_at: new Date().toISOString(),
      account: { ...account, ...privacy },
      guilds: memberships.map((m) => ({
        id: m.guild_id,
        name: m.name,
        nickname: m.nickname,
        joined_at: new Date(m.joined_at).toISOString(),
        role_ids: roles.filter((r) => r.guild_id === m.guild_id).map((r) => r.role_id),
      })),
      dm_channels: dmChannels,
      relationships,
      messages: await this.messages(userId),
    };
  }

  private async messages(userId: string): Promise<Record<string, unknown>[]> {
    const out: Record<string, unknown>[] = [];
    let cursor = { channel_id: "0", id: "0" };
    for (;;) {
      const batch: MessageRow[] = await this.deps.store.repos.messages.byAuthor(userId, cursor, BATCH);
      for (const row of batch) {
        out.push({
          id: row.id,
          channel_id: row.channel_id,
          guild_id: row.guild_id,
          content: row.content,
          created_at: new Date(row.created_at).toISOString(),
          edited_at: row.edited_at === null ? null : new Date(row.edited_at).toISOString(),
          reply_to: row.reply_to_id,
          pinned: row.pinned_at !== null,
          attachments: JSON.parse(row.attachments),
          embeds: JSON.parse(row.embeds),
        });
      }
      const last = batch.at(-1);
      if (!last || batch.length < BATCH) return out;
      cursor = { channel_id: last.channel_id, id: last.id };
    }
  }
}
