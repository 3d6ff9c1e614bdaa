/**
 * Attachments: uploads streamed through the media pipeline into the blob store ahead of a message, downloads
 * checked against the viewer's own permissions, and removal of files whose message is gone or never came.
 */
import {
  UNSENT_ATTACHMENT_TTL_MS,
  type UpdateAttachment,
  type UploadAttachmentFields,
  UploadAttachmentFieldsSchema,
  type UploadedAttachment,
} from "@nexus/protocol";
import type { BlobKey, BlobRange, BlobReadResult, BlobStore, ByteSource } from "../../blobs/blob-store.js";
import { DomainError, invalidField, notFound } from "../../errors.js";
import type { SnowflakeGenerator } from "../../ids/snowflake.js";
import { type IngestDeps, type IngestedFile, ingestUpload } from "../../media/ingest.js";
import type { MessagingRepositories, MessagingStore } from "../../storage/messaging-store.js";
import type { AttachmentRow } from "../../storage/repositories/attachment.repository.js";
import { rethrowMediaError } from "../media-errors.js";
import { type ChannelAccess, requirePermission } from "../messages/channel-access.js";
import { attachmentOwner, cleanUploadName, toUploadedAttachment } from "./attachment-presenter.js";
import type { BlobCollector } from "./blob-collector.js";

/** One part of a multipart upload form, as the transport reads it. */
export type UploadPart =
  | { type: "field"; name: string; value: string }
  | { type: "file"; name: string; filename: string | undefined; stream: ByteSource };

/** A stored file a viewer may fetch: what to put in the headers, and how to read the bytes. */
export interface DownloadableFile {
  filename: string;
  contentType: string;
  size: number;
  /** The blob's SHA-256: a strong validator. */
  etag: string;
  open(range?: BlobRange): Promise<BlobReadResult>;
}

export interface AttachmentServiceDeps {
  store: MessagingStore;
  access: ChannelAccess;
  collector: BlobCollector;
  blobs: BlobStore;
  /** Where uploads are staged while they are inspected. */
  tempDir: string;
  maxBytes: number;
  ids: SnowflakeGenerator;
  now?: () => number;
}

/** Sent attachments the sweeper checks per pass for a message deleted along with its channel or guild. */
const SCAN_BATCH = 1000;

export const unknownAttachment = () => notFound("Attachment", "NOT_FOUND");

/** Deletes attachment rows and releases their blobs in the caller's transaction; collect the keys after commit. */
export async function deleteAttachments(repos: MessagingRepositories, ids: string[]): Promise<BlobKey[]> {
  if (ids.length === 0) return [];
  await repos.attachments.delete(ids);
  return repos.blobRefs.release(ids.map(attachmentOwner));
}

export class AttachmentService {
  private readonly now: () => number;
  private scanCursor = "0";

  constructor(private readonly deps: AttachmentServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** SEND_MESSAGES (or SEND_MESSAGES_IN_THREADS) and ATTACH_FILES where the channel is visible; before any byte is read. */
  async authorizeUpload(userId: string, channelId: string): Promise<void> {
    const view = await this.deps.access.view(userId, channelId);
    requirePermission(view, view.thread ? "SEND_MESSAGES_IN_THREADS" : "SEND_MESSAGES");
    requirePermission(view, "ATTACH_FILES");
  }

  /** Reads the form: text fields in any order, one `file` part (after `opaque` when that is set). */
  async upload(userId: string, channelId: string, parts: AsyncIterable<UploadPart>): Promise<UploadedAttachment> {
    await this.authorizeUpload(userId, channelId);
    const fields: Record<string, string> = {};
    let file: { ingested: IngestedFile; filename: string } | undefined;
    try {
      for await (const part of parts) {
        if (part.type === "field") {
          fields[part.name] = part.value;
        } else if (part.name !== "file" || file) {
          throw invalidField(part.name, "is not expected; send exactly one file, in the field `file`");
        } else {
          file = {
            ingested: await this.ingest(part.stream, fields.opaque === "true"),
            filename: cleanUploadName(part.filename),
          };
        }
      }
      if (!file) throw invalidField("file", "is required");
      return await this.create(userId, channelId, file.ingested, file.filename, parseFields(fields));
    } catch (error) {
      if (file) await this.deps.collector.collect(blobKeys(file.ingested));
      throw error;
    }
  }

  /** The uploader changes the spoiler flag or alt text of an upload not sent yet (409 once it is sent). */
  async update(
    userId: string,
    channelId: string,
    attachmentId: string,
    input: UpdateAttachment,
  ): Promise<UploadedAttachment> {
    const { attachments } = this.deps.store.repos;
    const row = await attachments.findInChannel(channelId, attachmentId);
    if (row?.uploader_id !== userId) throw unknownAttachment();
    const changes = {
      ...(input.spoiler !== undefined ? { spoiler: input.spoiler ? 1 : 0 } : {}),
      ...(input.description !== undefined ? { description: input.description || null } : {}),
    };
    if (Object.keys(changes).length > 0 && !(await attachments.updateUnsent(attachmentId, userId, changes))) {
      throw new DomainError("CONFLICT", "This attachment was already sent; it can no longer be changed.");
    }
    return toUploadedAttachment({ ...row, ...changes });
  }

  /** An attachment's bytes (or its thumbnail's) for a viewer who can read the channel's history. */
  async download(
    userId: string,
    channelId: string,
    attachmentId: string,
    variant: "original" | "thumbnail",
  ): Promise<DownloadableFile> {
    const row = await this.deps.store.repos.attachments.findInChannel(channelId, attachmentId);
    if (!row) throw unknownAttachment();
    // Unsent uploads are the uploader's alone; the channel check still applies to them.
    if (row.message_id === null && row.uploader_id !== userId) throw unknownAttachment();
    const view = await this.deps.access.view(userId, channelId);
    requirePermission(view, "READ_MESSAGE_HISTORY");
    if (variant === "original") return this.describe(row.blob_key, row.filename, row.content_type, row.size);
    if (!row.thumbnail_key) throw unknownAttachment();
    const stat = await this.deps.blobs.stat(row.thumbnail_key);
    if (!stat) throw unknownAttachment();
    return this.describe(row.thumbnail_key, "thumbnail.webp", "image/webp", stat.size);
  }

  /**
   * Periodic upkeep: uploads never sent within the hour, and attachments whose message went with its channel or
   * guild, are deleted with their blobs; so are blobs of uploads that failed or stopped after storing them. Bounded
   * work per pass.
   */
  async sweep(): Promise<void> {
    await this.deps.collector.sweepClaims();
    const { attachments } = this.deps.store.repos;
    const stale = await attachments.unsentBefore(this.now() - UNSENT_ATTACHMENT_TTL_MS, SCAN_BATCH);
    const batch = await attachments.scanSent(this.scanCursor, SCAN_BATCH);
    this.scanCursor = batch.length < SCAN_BATCH ? "0" : (batch.at(-1)?.id ?? "0");
    const orphans = batch.filter((a) => a.orphaned).map((a) => a.id);
    const ids = [...stale, ...orphans];
    if (ids.length === 0) return;
    const released = await this.deps.store.transaction((repos) => deleteAttachments(repos, ids));
    await this.deps.collector.collect(released);
  }

  private async ingest(stream: ByteSource, opaque: boolean): Promise<IngestedFile> {
    const ingestDeps: IngestDeps = { blobs: this.deps.blobs, tempDir: this.deps.tempDir };
    try {
      return await ingestUpload(stream, ingestDeps, { maxBytes: this.deps.maxBytes, opaque });
    } catch (error) {
      rethrowMediaError(error, this.deps.maxBytes);
    }
  }

  private async create(
    userId: string,
    channelId: string,
    file: IngestedFile,
    filename: string,
    fields: UploadAttachmentFields,
  ): Promise<UploadedAttachment> {
    // Permissions may have changed while the bytes streamed in.
    await this.authorizeUpload(userId, channelId);
    const row: AttachmentRow = {
      id: this.deps.ids.next(),
      channel_id: channelId,
      uploader_id: userId,
      message_id: null,
      blob_key: file.blob.key,
      thumbnail_key: file.thumbnail?.blob.key ?? null,
      filename,
      size: file.blob.size,
      content_type: file.contentType,
      width: file.width ?? null,
      height: file.height ?? null,
      spoiler: fields.spoiler ? 1 : 0,
      description: fields.description || null,
      created_at: this.now(),
    };
    await this.deps.store.transaction(async (repos) => {
      await repos.attachments.insert(row);
      await repos.blobRefs.add(attachmentOwner(row.id), blobKeys(file));
    });
    return toUploadedAttachment(row);
  }

  private describe(key: BlobKey, filename: string, contentType: string, size: number): DownloadableFile {
    return { filename, contentType, size, etag: key, open: (range) => this.deps.blobs.get(key, range) };
  }
}

function blobKeys(file: IngestedFile): BlobKey[] {
  return file.thumbnail ? [file.blob.key, file.thumbnail.blob.key] : [file.blob.key];
}

function parseFields(fields: Record<string, string>): UploadAttachmentFields {
  const parsed = UploadAttachmentFieldsSchema.safeParse(fields);
  if (parsed.success) return parsed.data;
  const problems: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const keys = "keys" in issue ? (issue.keys as string[]) : [];
    if (keys.length > 0) for (const key of keys) problems[key] = "is not a known field";
    else problems[issue.path.join(".") || "form"] ??= issue.message;
  }
  const summary = Object.entries(problems)
    .map(([field, problem]) => `${field}: ${problem}`)
    .join("; ");
  throw new DomainError("VALIDATION_FAILED", `Invalid upload form: ${summary}.`, { fields: problems });
}
