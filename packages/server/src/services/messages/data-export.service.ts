/**
 * Personal data export: the account, guild memberships, DMs, relationships and every message the user wrote, as
 * one JSON document kept for a week, downloadable only by its owner as a zip archive that also holds the files the
 * user uploaded (attachments of their messages) and their avatar.
 */
import type { Readable } from "node:stream";
import type { Attachment, DataExport, ExportFile } from "@nexus/protocol";
import type { BlobStore } from "../../blobs/blob-store.js";
import { notFound } from "../../errors.js";
import type { SnowflakeGenerator } from "../../ids/snowflake.js";
import type { MessagingStore } from "../../storage/messaging-store.js";
import type { DataExportRepository } from "../../storage/repositories/data-export.repository.js";
import type { MessageRow } from "../../storage/repositories/message.repository.js";
import type { RelationshipService } from "../relationships/relationship.service.js";
import type { UserService } from "../users/user.service.js";
import type { DmChannelService } from "./dm-channel.service.js";
import { exportZip, type ZippedFile, zipSafeName } from "./export-zip.js";

export const EXPORT_TTL_MS = 7 * 24 * 60 * 60 * 1000;
const BATCH = 1000;

export interface DataExportServiceDeps {
  exports: DataExportRepository;
  store: MessagingStore;
  users: UserService;
  relationships: RelationshipService;
  dmChannels: DmChannelService;
  ids: SnowflakeGenerator;
  blobs: BlobStore;
  /** The blob of the user's avatar at its largest size, if `hash` is still their avatar. */
  avatarBlob: (userId: string, hash: string) => Promise<string | undefined>;
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

  /**
   * The zip archive, streamed; 404 for someone else's, an expired or an unknown export. Files are looked up again
   * as the user's own: one deleted since the export was made is left out.
   */
  async download(userId: string, exportId: string): Promise<Readable> {
    const row = await this.deps.exports.find(exportId, userId, Date.now());
    if (!row) throw notFound("Export");
    const document = JSON.parse(row.body) as Partial<DataExport>;
    const files = await this.storedFiles(userId, document.files ?? []);
    return exportZip(row.body, files, this.deps.blobs, new Date(row.created_at));
  }

  private async storedFiles(userId: string, files: ExportFile[]): Promise<ZippedFile[]> {
    const out: ZippedFile[] = [];
    const attachments = files.filter((f) => f.kind === "attachment");
    for (let i = 0; i < attachments.length; i += BATCH) {
      const batch = attachments.slice(i, i + BATCH);
      const keys = await this.deps.store.repos.attachments.blobKeysOwnedBy(
        userId,
        batch.map((f) => f.id),
      );
      for (const file of batch) {
        const key = keys.get(file.id);
        if (key) out.push({ path: file.path, key });
      }
    }
    for (const file of files.filter((f) => f.kind === "avatar")) {
      const key = await this.deps.avatarBlob(userId, file.id);
      if (key) out.push({ path: file.path, key });
    }
    return out;
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
    const messages = await this.messages(userId);
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
      messages,
      files: [...avatarFile(account.avatar), ...messages.flatMap(attachmentFiles)],
    };
  }

  private async messages(userId: string): Promise<ExportedMessage[]> {
    const out: ExportedMessage[] = [];
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
          attachments: JSON.parse(row.attachments) as Attachment[],
          embeds: JSON.parse(row.embeds),
        });
      }
      const last = batch.at(-1);
      if (!last || batch.length < BATCH) return out;
      cursor = { channel_id: last.channel_id, id: last.id };
    }
  }
}

interface ExportedMessage extends Record<string, unknown> {
  id: string;
  channel_id: string;
  attachments: Attachment[];
}

function attachmentFiles(message: ExportedMessage): ExportFile[] {
  return message.attachments.map((a) => ({
    path: `files/attachments/${a.id}-${zipSafeName(a.filename)}`,
    kind: "attachment",
    id: a.id,
    message_id: message.id,
    channel_id: message.channel_id,
    filename: a.filename,
    content_type: a.content_type ?? "application/octet-stream",
  }));
}

/** Avatars are stored as WebP (animated ones too). */
function avatarFile(hash: string | null): ExportFile[] {
  if (!hash) return [];
  const file = `avatar-${hash}.webp`;
  return [
    {
      path: `files/${file}`,
      kind: "avatar",
      id: hash,
      message_id: null,
      channel_id: null,
      filename: file,
      content_type: "image/webp",
    },
  ];
}
