/** SQL for messages, their nonces and mention rows. History pages are range scans of (channel_id, id). */
import type { Insertable, Selectable } from "kysely";
import type { Db } from "../database.js";
import type { MessageMentionsTable, MessagesTable } from "../schema.js";

export type MessageRow = Selectable<MessagesTable>;
export type NewMessage = Insertable<MessagesTable>;
export type MentionRow = Selectable<MessageMentionsTable>;

export type HistoryCursor = { before: string } | { after: string } | { around: string } | Record<string, never>;

export class MessageRepository {
  constructor(private readonly db: Db) {}

  async insert(message: NewMessage, mentions: MentionRow[]): Promise<void> {
    await this.db.insertInto("messages").values(message).execute();
    if (mentions.length > 0) await this.db.insertInto("message_mentions").values(mentions).execute();
  }

  findInChannel(channelId: string, id: string): Promise<MessageRow | undefined> {
    return this.db
      .selectFrom("messages")
      .selectAll()
      .where("channel_id", "=", channelId)
      .where("id", "=", id)
      .executeTakeFirst();
  }

  findManyInChannel(channelId: string, ids: string[]): Promise<MessageRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom("messages")
      .selectAll()
      .where("channel_id", "=", channelId)
      .where("id", "in", ids)
      .execute();
  }

  findMany(ids: string[]): Promise<MessageRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db.selectFrom("messages").selectAll().where("id", "in", ids).execute();
  }

  /** One page, newest first. Each branch is a single bounded range scan of the (channel_id, id) index. */
  async page(channelId: string, cursor: HistoryCursor, limit: number): Promise<MessageRow[]> {
    const base = this.db.selectFrom("messages").selectAll().where("channel_id", "=", channelId);
    if ("before" in cursor) {
      return base.where("id", "<", cursor.before).orderBy("id", "desc").limit(limit).execute();
    }
    if ("after" in cursor) {
      const rows = await base.where("id", ">", cursor.after).orderBy("id", "asc").limit(limit).execute();
      return rows.reverse();
    }
    if ("around" in cursor) {
      const newer = await base
        .where("id", ">=", cursor.around)
        .orderBy("id", "asc")
        .limit(Math.ceil(limit / 2))
        .execute();
      const older = await base
        .where("id", "<", cursor.around)
        .orderBy("id", "desc")
        .limit(Math.floor(limit / 2))
        .execute();
      return [...newer.reverse(), ...older];
    }
    return base.orderBy("id", "desc").limit(limit).execute();
  }

  /**
   * Slowmode: records a post by the author at `now` unless their previous one is less than `windowMs` old, in
   * which case nothing changes and its time is returned. One atomic upsert, so parallel sends cannot both pass.
   */
  async claimSlowmodeSlot(
    channelId: string,
    authorId: string,
    now: number,
    windowMs: number,
  ): Promise<number | undefined> {
    const result = await this.db
      .insertInto("slowmode_posts")
      .values({ channel_id: channelId, author_id: authorId, posted_at: now })
      .onConflict((oc) =>
        oc
          .columns(["channel_id", "author_id"])
          .doUpdateSet({ posted_at: now })
          .where("slowmode_posts.posted_at", "<=", now - windowMs),
      )
      .executeTakeFirst();
    if (Number(result.numInsertedOrUpdatedRows ?? 0n) > 0) return undefined;
    const last = await this.db
      .selectFrom("slowmode_posts")
      .select("posted_at")
      .where("channel_id", "=", channelId)
      .where("author_id", "=", authorId)
      .executeTakeFirstOrThrow();
    return Number(last.posted_at);
  }

  /** Slowmode claims older than the longest slowmode can no longer hold anyone back. */
  async purgeSlowmodePosts(olderThan: number): Promise<void> {
    await this.db.deleteFrom("slowmode_posts").where("posted_at", "<", olderThan).execute();
  }

  /** Sets the flags (and, when suppressing, clears the embeds). */
  async updateFlags(id: string, flags: number, embeds?: string): Promise<void> {
    await this.db
      .updateTable("messages")
      .set(embeds === undefined ? { flags } : { flags, embeds })
      .where("id", "=", id)
      .execute();
  }

  /** Stores link-preview embeds, unless the content changed since they were built; false if it did. */
  async updateEmbeds(id: string, embeds: string, builtFor: Pick<MessageRow, "content" | "flags">): Promise<boolean> {
    const result = await this.db
      .updateTable("messages")
      .set({ embeds })
      .where("id", "=", id)
      .where("content", "=", builtFor.content)
      .where("flags", "=", builtFor.flags)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async updateContent(
    id: string,
    changes: Pick<
      MessageRow,
      "content" | "edited_at" | "mention_everyone" | "mention_user_ids" | "mention_role_ids" | "mention_channel_ids"
    >,
    mentions: MentionRow[],
  ): Promise<void> {
    await this.db.updateTable("messages").set(changes).where("id", "=", id).execute();
    await this.db.deleteFrom("message_mentions").where("message_id", "=", id).execute();
    if (mentions.length > 0) await this.db.insertInto("message_mentions").values(mentions).execute();
  }

  /** Deletes messages (mentions and reactions go with them by cascade); returns how many existed. */
  async delete(ids: string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const result = await this.db.deleteFrom("messages").where("id", "in", ids).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async setPinned(id: string, pinnedAt: number | null): Promise<void> {
    await this.db.updateTable("messages").set({ pinned_at: pinnedAt }).where("id", "=", id).execute();
  }

  pinned(channelId: string): Promise<MessageRow[]> {
    return this.db
      .selectFrom("messages")
      .selectAll()
      .where("channel_id", "=", channelId)
      .where("pinned_at", "is not", null)
      .orderBy("pinned_at", "desc")
      .execute();
  }

  async pinCount(channelId: string): Promise<number> {
    const row = await this.db
      .selectFrom("messages")
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .where("channel_id", "=", channelId)
      .where("pinned_at", "is not", null)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  async latestPinAt(channelId: string): Promise<number | null> {
    const row = await this.db
      .selectFrom("messages")
      .select("pinned_at")
      .where("channel_id", "=", channelId)
      .where("pinned_at", "is not", null)
      .orderBy("pinned_at", "desc")
      .limit(1)
      .executeTakeFirst();
    return row?.pinned_at ?? null;
  }

  /** Claims `nonce` for this author and channel; false if a live claim exists (the send is a retry). */
  async claimNonce(
    channelId: string,
    authorId: string,
    nonce: string,
    messageId: string,
    now: number,
    windowMs: number,
  ) {
    const result = await this.db
      .insertInto("message_nonces")
      .values({ channel_id: channelId, author_id: authorId, nonce, message_id: messageId, created_at: now })
      .onConflict((oc) =>
        oc
          .columns(["channel_id", "author_id", "nonce"])
          .doUpdateSet({ message_id: messageId, created_at: now })
          .where("message_nonces.created_at", "<", now - windowMs),
      )
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
  }

  async findByNonce(
    channelId: string,
    authorId: string,
    nonce: string,
    since: number,
  ): Promise<MessageRow | undefined> {
    return this.db
      .selectFrom("message_nonces")
      .innerJoin("messages", "messages.id", "message_nonces.message_id")
      .selectAll("messages")
      .where("message_nonces.channel_id", "=", channelId)
      .where("message_nonces.author_id", "=", authorId)
      .where("message_nonces.nonce", "=", nonce)
      .where("message_nonces.created_at", ">=", since)
      .executeTakeFirst();
  }

  async purgeNonces(olderThan: number): Promise<void> {
    await this.db.deleteFrom("message_nonces").where("created_at", "<", olderThan).execute();
  }

  async setChannelLastMessage(channelId: string, messageId: string): Promise<void> {
    await this.db.updateTable("channels").set({ last_message_id: messageId }).where("id", "=", channelId).execute();
  }

  /** After deletions: the channel's newest remaining message becomes its last_message_id. */
  async refreshChannelLastMessage(channelId: string): Promise<void> {
    const latest = await this.db
      .selectFrom("messages")
      .select("id")
      .where("channel_id", "=", channelId)
      .orderBy("id", "desc")
      .limit(1)
      .executeTakeFirst();
    await this.db
      .updateTable("channels")
      .set({ last_message_id: latest?.id ?? null })
      .where("id", "=", channelId)
      .execute();
  }

  /**
   * A batch of the author's messages in (channel_id, id) order after the cursor, walking the author index
   * (export, deleting an account's messages).
   */
  byAuthor(authorId: string, after: { channel_id: string; id: string }, limit: number): Promise<MessageRow[]> {
    return this.db
      .selectFrom("messages")
      .selectAll()
      .where("author_id", "=", authorId)
      .where((eb) => eb(eb.refTuple("channel_id", "id"), ">", eb.tuple(after.channel_id, after.id)))
      .orderBy("channel_id", "asc")
      .orderBy("id", "asc")
      .limit(limit)
      .execute();
  }

  /** Which of `roleIds` are roles of the guild, with whether anyone may mention them. */
  async guildRoles(guildId: string, roleIds: string[]): Promise<Map<string, { mentionable: boolean }>> {
    if (roleIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom("roles")
      .select(["id", "mentionable"])
      .where("guild_id", "=", guildId)
      .where("id", "in", roleIds)
      .execute();
    return new Map(rows.map((r) => [r.id, { mentionable: r.mentionable === 1 }]));
  }
}
