/**
 * What a reaction's emoji is: a Unicode emoji (stored as its canonical text) or a custom emoji (stored as its id,
 * so renaming it keeps its reactions together). Only custom emoji of this guild may be used, or of another guild
 * the user belongs to when they have USE_EXTERNAL_EMOJI here.
 */
import { parseReactionEmoji, type ReactionEmoji } from "@nexus/protocol";
import type { AccessService } from "../../access/access.service.js";
import { DomainError } from "../../errors.js";
import type { EmojiRepository, EmojiRow } from "../../storage/repositories/emoji.repository.js";
import { type ChannelView, requirePermission } from "./channel-access.js";
import { canonicalEmoji } from "./emoji.js";

export interface ResolvedReactionEmoji {
  /** The `reactions.emoji` column: Unicode text, or the custom emoji's id (digits, which no Unicode emoji is). */
  key: string;
  emoji: ReactionEmoji;
}

const unknownEmoji = () =>
  new DomainError("UNKNOWN_EMOJI", "That is not an emoji Nexus knows.", {
    fields: { emoji: "is not a known emoji" },
  });

export const isCustomEmojiKey = (key: string) => /^[0-9]+$/.test(key);

export function customReactionEmoji(row: EmojiRow): ReactionEmoji {
  return { id: row.id, name: row.name, animated: row.animated === 1 };
}

export class ReactionEmojiResolver {
  constructor(
    private readonly emojis: EmojiRepository,
    private readonly guildAccess: AccessService,
  ) {}

  /** For adding a reaction: the emoji must exist, be live, and be usable by `userId` in this channel. */
  async usable(view: ChannelView, userId: string, text: string): Promise<ResolvedReactionEmoji> {
    const custom = parseReactionEmoji(text);
    if (!custom) return unicode(text);
    const row = await this.emojis.findAny(custom.id);
    if (!row || row.deleted_at !== null) throw unknownEmoji();
    if (row.guild_id !== view.guildId) {
      // Another guild's emoji: only its members may know it exists.
      if (!(await this.guildAccess.memberOrUndefined(row.guild_id, userId))) throw unknownEmoji();
      requirePermission(view, "USE_EXTERNAL_EMOJI");
    }
    return { key: row.id, emoji: customReactionEmoji(row) };
  }

  /** For removing or listing: any emoji a reaction may carry, including a custom one deleted since. */
  async existing(text: string): Promise<ResolvedReactionEmoji> {
    const custom = parseReactionEmoji(text);
    if (!custom) return unicode(text);
    const row = await this.emojis.findAny(custom.id);
    return {
      key: custom.id,
      emoji: row ? customReactionEmoji(row) : { id: custom.id, name: custom.name, animated: false },
    };
  }
}

function unicode(text: string): ResolvedReactionEmoji {
  const emoji = canonicalEmoji(text);
  if (!emoji) throw unknownEmoji();
  return { key: emoji, emoji: { id: null, name: emoji, animated: false } };
}
