/**
 * `:name` autocomplete for custom emoji in the composer: typing `:par` lists matching emoji usable in the channel;
 * Up/Down choose, Enter or Tab insert `<:name:id>` (or `<a:name:id>`), Escape closes the list.
 */
import { type KeyboardEvent, type RefObject, useState } from "react";
import { CustomEmoji } from "./custom-emoji.js";
import type { CustomEmojiOption, EmojiScope } from "./emoji-scope.js";
import { useCustomEmoji } from "./use-custom-emoji.js";

const MAX_SUGGESTIONS = 8;
/** `:` then 2+ name characters, right before the caret, at the start or after a space. */
const QUERY = /(^|\s):([A-Za-z0-9_]{2,32})$/;

export interface EmojiAutocomplete {
  /** Handles the key when the list is open; true when it did (the composer must then ignore it). */
  handleKey(event: KeyboardEvent<HTMLTextAreaElement>): boolean;
  popup: React.ReactNode;
}

function rank(all: CustomEmojiOption[], query: string): CustomEmojiOption[] {
  const q = query.toLowerCase();
  const starts = all.filter((e) => e.name.toLowerCase().startsWith(q));
  const contains = all.filter((e) => !e.name.toLowerCase().startsWith(q) && e.name.toLowerCase().includes(q));
  return [...starts, ...contains].slice(0, MAX_SUGGESTIONS);
}

export function useEmojiAutocomplete(
  text: string,
  setText: (text: string) => void,
  area: RefObject<HTMLTextAreaElement | null>,
  scope: EmojiScope,
): EmojiAutocomplete {
  const all = useCustomEmoji(scope);
  const [active, setActive] = useState(0);
  const [dismissedAt, setDismissedAt] = useState<string | null>(null);
  const caret = area.current?.selectionStart ?? text.length;
  const before = text.slice(0, caret);
  const match = QUERY.exec(before);
  const query = match?.[2] ?? "";
  const suggestions = match && dismissedAt !== before ? rank(all, query) : [];
  const open = suggestions.length > 0;
  const index = Math.min(active, suggestions.length - 1);

  const insert = (emoji: CustomEmojiOption | undefined) => {
    if (!emoji) return;
    const token = `<${emoji.animated ? "a" : ""}:${emoji.name}:${emoji.id}> `;
    const start = caret - query.length - 1;
    const next = `${text.slice(0, start)}${token}${text.slice(caret)}`;
    setText(next);
    setActive(0);
    requestAnimationFrame(() => area.current?.setSelectionRange(start + token.length, start + token.length));
  };

  return {
    handleKey(event) {
      if (!open) return false;
      switch (event.key) {
        case "ArrowDown":
          setActive((index + 1) % suggestions.length);
          break;
        case "ArrowUp":
          setActive((index - 1 + suggestions.length) % suggestions.length);
          break;
        case "Enter":
        case "Tab":
          insert(suggestions[index]);
          break;
        case "Escape":
          setDismissedAt(before);
          break;
        default:
          return false;
      }
      event.preventDefault();
      return true;
    },
    popup: open ? (
      <div className="emoji-autocomplete" role="listbox" aria-label={`Emoji matching :${query}`}>
        {suggestions.map((emoji, i) => (
          <button
            key={emoji.id}
            type="button"
            role="option"
            aria-selected={i === index}
            className={`emoji-suggestion${i === index ? " emoji-suggestion-active" : ""}`}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => insert(emoji)}
            onMouseEnter={() => setActive(i)}
          >
            <CustomEmoji id={emoji.id} name={emoji.name} animated={emoji.animated} />
            <span className="emoji-suggestion-name">:{emoji.name}:</span>
            <span className="emoji-suggestion-guild">{emoji.guildName}</span>
          </button>
        ))}
      </div>
    ) : null,
  };
}
