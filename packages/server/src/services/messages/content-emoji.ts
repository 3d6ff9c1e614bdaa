/**
 * Custom emoji tokens in message content, checked when a message is sent or edited (as Discord does): a token of
 * the channel's own server stays; one of another server stays only if the author is a member of that server and,
 * in a server channel, has USE_EXTERNAL_EMOJI there (DMs grant it). Anything else, unknown and deleted emoji
 * included, becomes the plain text `:name:`.
 */
import { parseCustomEmoji } from "@nexus/protocol";
import type { EmojiRepository } from "../../storage/repositories/emoji.repository.js";
import { type ChannelView, hasPermission } from "./channel-access.js";

/** Cheap pre-check so content without a custom emoji token costs nothing. */
const MAY_HAVE_TOKEN = /<a?:/;

export class ContentEmojiFilter {
  constructor(private readonly emojis: EmojiRepository) {}

  /** `content` with every custom emoji token `authorId` may not use here replaced by `:name:`; one query. */
  async apply(view: ChannelView, authorId: string, content: string): Promise<string> {
    if (!MAY_HAVE_TOKEN.test(content)) return content;
    const tokens = parseCustomEmoji(content);
    if (tokens.length === 0) return content;
    const rows = await this.emojis.findManyWithMembership([...new Set(tokens.map((t) => t.id))], authorId);
    const usable = new Set(
      rows
        .filter(
          (row) =>
            row.deleted_at === null &&
            (row.guild_id === view.guildId || (row.member_id !== null && hasPermission(view, "USE_EXTERNAL_EMOJI"))),
        )
        .map((row) => row.id),
    );
    let result = "";
    let from = 0;
    for (const token of tokens) {
      if (usable.has(token.id)) continue;
      result += `${content.slice(from, token.index)}:${token.name}:`;
      from = token.index + token.length;
    }
    return result + content.slice(from);
  }
}
