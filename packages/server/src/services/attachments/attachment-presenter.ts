/** Attachment rows as the wire shapes, and the /media paths they are served at. */
import type { Attachment, UploadedAttachment } from "@nexus/protocol";
import type { AttachmentRow } from "../../storage/repositories/attachment.repository.js";

export const attachmentOwner = (id: string) => `attachment:${id}`;

export const attachmentUrl = (row: Pick<AttachmentRow, "channel_id" | "id" | "filename">) =>
  `/media/attachments/${row.channel_id}/${row.id}/${encodeURIComponent(row.filename)}`;

export const thumbnailUrl = (row: Pick<AttachmentRow, "channel_id" | "id">) =>
  `/media/thumbnails/${row.channel_id}/${row.id}`;

export function toAttachment(row: AttachmentRow): Attachment {
  return {
    id: row.id,
    filename: row.filename,
    size: row.size,
    content_type: row.content_type,
    url: attachmentUrl(row),
    proxy_url: row.thumbnail_key ? thumbnailUrl(row) : null,
    width: row.width,
    height: row.height,
    spoiler: row.spoiler === 1,
    description: row.description,
  };
}

export function toUploadedAttachment(row: AttachmentRow): UploadedAttachment {
  return {
    id: row.id,
    filename: row.filename,
    size: row.size,
    content_type: row.content_type,
    ...(row.width !== null && row.height !== null ? { width: row.width, height: row.height } : {}),
    spoiler: row.spoiler === 1,
    description: row.description,
    url: attachmentUrl(row),
  };
}

/** The name as the uploader's system showed it, without any folder part ("C:\fakepath\a.png" → "a.png"). */
export function cleanUploadName(name: string | undefined): string {
  const base = (name ?? "").split(/[/\\]/).pop()?.trim() ?? "";
  return Array.from(base).slice(0, 255).join("") || "file";
}
