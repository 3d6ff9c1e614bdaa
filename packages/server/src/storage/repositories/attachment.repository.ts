/** SQL for attachments: uploads waiting for a message, claiming them with one, and finding the ones to remove. */
import type { Selectable } from "kysely";
import type { Db } from "../database.js";
import type { AttachmentsTable } from "../schema.js";

export type AttachmentRow = Selectable<AttachmentsTable>;

export class AttachmentRepository {
  constructor(private readonly db: Db) {}

  async insert(row: AttachmentRow): Promise<void> {
    await this.db.insertInto("attachments").values(row).execute();
  }

  findInChannel(channelId: string, id: string): Promise<AttachmentRow | undefined> {
    return this.db
      .selectFrom("attachments")
      .selectAll()
      .where("channel_id", "=", channelId)
      .where("id", "=", id)
      .executeTakeFirst();
  }

  /** Of `ids`, the uploads by `uploaderId` to `channelId` that no message has claimed yet. */
  /** The blob keys of those of `ids` the user uploaded (and that still exist). */
  async blobKeysOwnedBy(uploaderId: string, ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db
      .selectFrom("attachments")
      .select(["id", "blob_key"])
      .where("id", "in", ids)
      .where("uploader_id", "=", uploaderId)
      .execute();
    return new Map(rows.map((r) => [r.id, r.blob_key]));
  }

  unsent(channelId: string, uploaderId: string, ids: string[]): Promise<AttachmentRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom("attachments")
      .selectAll()
      .where("id", "in", ids)
      .where("channel_id", "=", channelId)
      .where("uploader_id", "=", uploaderId)
      .where("message_id", "is", null)
      .execute();
  }

  /** Changes an upload no message has claimed yet; false when it was sent (or is not the uploader's). */
  async updateUnsent(
    id: string,
    uploaderId: string,
    changes: Partial<Pick<AttachmentRow, "spoiler" | "description">>,
  ): Promise<boolean> {
    const result = await this.db
      .updateTable("attachments")
      .set(changes)
      .where("id", "=", id)
      .where("uploader_id", "=", uploaderId)
      .where("message_id", "is", null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Gives unsent uploads to a message; returns how many were claimed (fewer than asked means a race was lost). */
  async claim(ids: string[], channelId: string, uploaderId: string, messageId: string): Promise<number> {
    const result = await this.db
      .updateTable("attachments")
      .set({ message_id: messageId })
      .where("id", "in", ids)
      .where("channel_id", "=", channelId)
      .where("uploader_id", "=", uploaderId)
      .where("message_id", "is", null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async idsOfMessages(messageIds: string[]): Promise<string[]> {
    if (messageIds.length === 0) return [];
    const rows = await this.db.selectFrom("attachments").select("id").where("message_id", "in", messageIds).execute();
    return rows.map((r) => r.id);
  }

  async delete(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db.deleteFrom("attachments").where("id", "in", ids).execute();
  }

  /** Uploads no message claimed before `cutoff`. */
  async unsentBefore(cutoff: number, limit: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom("attachments")
      .select("id")
      .where("message_id", "is", null)
      .where("created_at", "<", cutoff)
      .limit(limit)
      .execute();
    return rows.map((r) => r.id);
  }

  /**
   * One batch of sent attachments after `afterId`, with whether their message still exists (a channel or guild
   * deletion removes messages by cascade). The sweeper walks the table a batch per pass, so a pass costs the same
   * however many files there are.
   */
  async scanSent(afterId: string, limit: number): Promise<{ id: string; orphaned: boolean }[]> {
    const rows = await this.db
      .selectFrom("attachments")
      .leftJoin("messages", "messages.id", "attachments.message_id")
      .select(["attachments.id as id", "messages.id as found_id"])
      .where("attachments.id", ">", afterId)
      .where("attachments.message_id", "is not", null)
      .orderBy("attachments.id", "asc")
      .limit(limit)
      .execute();
    return rows.map((r) => ({ id: r.id, orphaned: r.found_id === null }));
  }
}
