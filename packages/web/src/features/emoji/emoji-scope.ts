/**
 * Which custom emoji the user may use where they are writing: their own server's always, other servers' only with
 * USE_EXTERNAL_EMOJI in the channel (the server turns the others into `:name:` text); DMs allow every server's.
 */
import type { Emoji } from "@nexus/protocol";
import type { GuildEntry } from "../../state/community.js";

export interface CustomEmojiOption extends Emoji {
  guildName: string;
}

/** Where the emoji would be used: the channel's server (null in DMs) and whether other servers' emoji are allowed. */
export interface EmojiScope {
  guildId: string | null;
  external: boolean;
}

export const DM_EMOJI_SCOPE: EmojiScope = { guildId: null, external: true };

/** The emoji usable in `scope`, server by server in rail order. */
export function usableEmoji(
  order: readonly string[],
  guilds: Record<string, GuildEntry>,
  { guildId, external }: EmojiScope,
): CustomEmojiOption[] {
  return order.flatMap((id) => {
    const entry = guilds[id];
    return entry && (external || id === guildId)
      ? entry.emojis.map((emoji) => ({ ...emoji, guildName: entry.guild.name }))
      : [];
  });
}
