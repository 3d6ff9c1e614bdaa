/**
 * Turns message rows into wire messages for one viewer, a page at a time: authors, mentioned users, reactions
 * (with `me`), replied-to messages and thread summaries each cost one query per page, never one per message.
 */
import type { Message, PublicUser, Reaction, ReferencedMessage } from "@nexus/protocol";
import type { EmojiRepository } from "../../storage/repositories/emoji.repository.js";
import type { MessageRepository, MessageRow } from "../../storage/repositories/message.repository.js";
import type { ReactionRepository } from "../../storage/repositories/reaction.repository.js";
import type { ThreadRepository, ThreadWithChannel } from "../../storage/repositories/thread.repository.js";
import type { UserRow } from "../../storage/repositories/user.repository.js";
import type { UserLookupRepository } from "../../storage/repositories/user-lookup.repository.js";
import { toPublicUser } from "../users/user-presenter.js";
import { customReactionEmoji, isCustomEmojiKey } from "./reaction-emoji.js";

export interface MessagePresenterDeps {
  messages: MessageRepository;
  reactions: ReactionRepository;
  threads: ThreadRepository;
  users: UserLookupRepository;
  emojis: EmojiRepository;
}

/** Stands in for an author whose account is gone, so their old messages still render. */
function deletedUser(id: string): PublicUser {
  return {
    id,
    username: "deleted_user",
    display_name: "Deleted User",
    avatar: null,
    bio: null,
    pronouns: null,
    accent_color: null,
    bot: false,
    created_at: new Date(0).toISOString(),
  };
}

const parseIds = (json: string): string[] => JSON.parse(json) as string[];

interface PageContext {
  users: Map<string, UserRow>;
  reactions: Map<string, Reaction[]>;
  threads: Map<string, ThreadWithChannel>;
}

function present(row: MessageRow, page: PageContext): ReferencedMessage {
  const user = (id: string) => {
    const found = page.users.get(id);
    return found ? toPublicUser(found) : undefined;
  };
  const thread = page.threads.get(row.id);
  return {
    id: row.id,
    channel_id: row.channel_id,
    guild_id: row.guild_id,
    author: user(row.author_id) ?? deletedUser(row.author_id),
    content: row.content,
    created_at: new Date(row.created_at).toISOString(),
    edited_at: row.edited_at === null ? null : new Date(row.edited_at).toISOString(),
    reply_to: row.reply_to_id,
    mentions: parseIds(row.mention_user_ids).flatMap((id) => user(id) ?? []),
    mention_roles: parseIds(row.mention_role_ids),
    mention_channels: parseIds(row.mention_channel_ids),
    mention_everyone: row.mention_everyone === 1,
    reactions: page.reactions.get(row.id) ?? [],
    pinned: row.pinned_at !== null,
    attachments: JSON.parse(row.attachments),
    embeds: JSON.parse(row.embeds),
    flags: row.flags,
    thread: thread
      ? {
          id: thread.channel_id,
          name: thread.name,
          message_count: thread.message_count,
          archived: thread.archived === 1,
          locked: thread.locked === 1,
        }
      : null,
  };
}

export class MessagePresenter {
  constructor(private readonly deps: MessagePresenterDeps) {}

  /** Presents `rows` in the given order for `viewerId` (whose reactions get `me: true`). */
  async presentMany(rows: MessageRow[], viewerId: string): Promise<Message[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const replyIds = [...new Set(rows.flatMap((r) => (r.reply_to_id ? [r.reply_to_id] : [])))];
    const [referenced, reactionCounts, threads] = await Promise.all([
      this.deps.messages.findMany(replyIds),
      this.deps.reactions.counts(ids, viewerId),
      this.deps.threads.byStarterMessages(ids),
    ]);
    const all = [...rows, ...referenced];
    const userIds = all.flatMap((r) => [r.author_id, ...parseIds(r.mention_user_ids)]);
    const customIds = [...new Set(reactionCounts.map((c) => c.emoji).filter(isCustomEmojiKey))];
    const customEmoji = new Map((await this.deps.emojis.findManyAny(customIds)).map((e) => [e.id, e]));
    const page: PageContext = {
      users: await this.deps.users.findByIds(userIds),
      reactions: new Map(),
      threads: new Map(threads.flatMap((t) => (t.starter_message_id ? [[t.starter_message_id, t]] : []))),
    };
    for (const count of reactionCounts) {
      const list = page.reactions.get(count.message_id) ?? [];
      const custom = isCustomEmojiKey(count.emoji) ? customEmoji.get(count.emoji) : undefined;
      const emoji = custom
        ? customReactionEmoji(custom)
        : { id: isCustomEmojiKey(count.emoji) ? count.emoji : null, name: count.emoji, animated: false };
      list.push({ emoji, count: Number(count.count), me: Number(count.me) === 1 });
      page.reactions.set(count.message_id, list);
    }
    const byId = new Map(referenced.map((r) => [r.id, r]));
    return rows.map((row) => {
      const reply = row.reply_to_id ? byId.get(row.reply_to_id) : undefined;
      return { ...present(row, page), referenced_message: reply ? present(reply, page) : null };
    });
  }

  /**
   * A message just created: it has no reactions or thread yet and its replied-to row is already loaded, so only
   * the users are read (one query).
   */
  async presentCreated(row: MessageRow, replied: MessageRow | undefined): Promise<Message> {
    const all = replied ? [row, replied] : [row];
    const userIds = all.flatMap((r) => [r.author_id, ...parseIds(r.mention_user_ids)]);
    const page: PageContext = {
      users: await this.deps.users.findByIds(userIds),
      reactions: new Map(),
      threads: new Map(),
    };
    return { ...present(row, page), referenced_message: replied ? present(replied, page) : null };
  }

  async presentOne(row: MessageRow, viewerId: string): Promise<Message> {
    const [message] = await this.presentMany([row], viewerId);
    if (!message) throw new Error("presenting one message produced none");
    return message;
  }
}
