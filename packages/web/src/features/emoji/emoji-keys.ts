/**
 * One string per reaction emoji, used as the React key, the store key and the route part: the Unicode text, or
 * `name:id` (`a:name:id` when animated) for a custom emoji, which the server reads by its id.
 */
import type { ReactionEmoji } from "@nexus/protocol";

export function reactionKey(emoji: ReactionEmoji): string {
  if (!emoji.id) return emoji.name;
  return `${emoji.animated ? "a:" : ""}${emoji.name}:${emoji.id}`;
}

export function emojiFromKey(key: string): ReactionEmoji {
  const match = /^(a:)?([A-Za-z0-9_]{2,32}):([0-9]{1,19})$/.exec(key);
  if (!match?.[2] || !match[3]) return { id: null, name: key, animated: false };
  return { id: match[3], name: match[2], animated: Boolean(match[1]) };
}
