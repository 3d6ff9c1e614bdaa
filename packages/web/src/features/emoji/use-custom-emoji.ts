/** The custom emoji usable where the user is writing (READY, GUILD_CREATE and GUILD_EMOJIS_UPDATE keep them current). */
import { useMemo } from "react";
import { communityStore } from "../../state/community.js";
import { useStore } from "../../state/store.js";
import { type CustomEmojiOption, type EmojiScope, usableEmoji } from "./emoji-scope.js";

export function useCustomEmoji({ guildId, external }: EmojiScope): CustomEmojiOption[] {
  const guilds = useStore(communityStore, (state) => state.guilds);
  const order = useStore(communityStore, (state) => state.order);
  return useMemo(() => usableEmoji(order, guilds, { guildId, external }), [guilds, order, guildId, external]);
}
