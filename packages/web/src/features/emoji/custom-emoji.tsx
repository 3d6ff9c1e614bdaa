/** A custom emoji image from /media/emojis (public), falling back to `:name:` when the image cannot load. */
import { emojiImagePath } from "@nexus/protocol";
import { useState } from "react";

export interface CustomEmojiProps {
  id: string;
  name: string;
  animated: boolean;
  /** Pixels; 22 inline, 48 when a message is only emoji. */
  size?: number;
}

export function CustomEmoji({ id, name, animated, size = 22 }: CustomEmojiProps) {
  const [broken, setBroken] = useState(false);
  if (broken) return <span className="custom-emoji-missing">:{name}:</span>;
  return (
    <img
      className="custom-emoji"
      src={emojiImagePath({ id, animated })}
      alt={`:${name}:`}
      title={`:${name}:`}
      width={size}
      height={size}
      loading="lazy"
      draggable={false}
      onError={() => setBroken(true)}
    />
  );
}

/** A reaction's emoji: the Unicode character, or the custom emoji's image. */
export function ReactionEmojiView({ emoji }: { emoji: { id: string | null; name: string; animated: boolean } }) {
  if (!emoji.id) return <span aria-hidden="true">{emoji.name}</span>;
  return <CustomEmoji id={emoji.id} name={emoji.name} animated={emoji.animated} size={16} />;
}
