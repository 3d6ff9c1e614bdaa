/**
 * A searchable emoji picker: the servers' custom emoji first, then unicode (loaded on first use: the list is ~90 KB
 * gzipped). Arrow keys move through the grid, Enter picks, Escape closes. Picks are reaction keys: the unicode
 * character, or `name:id` for a custom emoji.
 */
import { useEffect, useMemo, useRef, useState } from "react";
import { CustomEmoji } from "../emoji/custom-emoji.js";
import { reactionKey } from "../emoji/emoji-keys.js";
import type { EmojiScope } from "../emoji/emoji-scope.js";
import { useCustomEmoji } from "../emoji/use-custom-emoji.js";

interface Emoji {
  label: string;
  /** What a pick yields: the character, or a custom emoji's reaction key. */
  unicode: string;
  group?: number;
  tags?: string[];
  custom?: { id: string; name: string; animated: boolean; guildName: string };
}

const GROUP_NAMES = [
  "Smileys & emotion",
  "People & body",
  "Components",
  "Animals & nature",
  "Food & drink",
  "Travel & places",
  "Activities",
  "Objects",
  "Symbols",
  "Flags",
];
const COLUMNS = 8;
const MAX_RESULTS = 400;

let loaded: Promise<Emoji[]> | null = null;
function loadEmoji(): Promise<Emoji[]> {
  loaded ??= import("emojibase-data/en/compact.json").then((module) =>
    (module.default as Emoji[]).filter((emoji) => emoji.group !== undefined && emoji.group !== 2),
  );
  return loaded;
}

export interface EmojiPickerProps {
  /** Where the picker opens (the button that opened it). */
  anchor: DOMRect;
  /** Which servers' custom emoji may be picked. */
  scope: EmojiScope;
  onPick: (emoji: string) => void;
  onClose: () => void;
}

export default function EmojiPicker({ anchor, scope, onPick, onClose }: EmojiPickerProps) {
  const [unicode, setAll] = useState<Emoji[] | null>(null);
  const customEmoji = useCustomEmoji(scope);
  const all = useMemo(() => {
    if (!unicode) return null;
    const custom: Emoji[] = customEmoji.map((emoji) => ({
      label: emoji.name.toLowerCase(),
      unicode: reactionKey({ id: emoji.id, name: emoji.name, animated: emoji.animated }),
      tags: [emoji.guildName.toLowerCase()],
      custom: { id: emoji.id, name: emoji.name, animated: emoji.animated, guildName: emoji.guildName },
    }));
    return [...custom, ...unicode];
  }, [unicode, customEmoji]);
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let live = true;
    void loadEmoji().then((emoji) => live && setAll(emoji));
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    const outside = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) onClose();
    };
    document.addEventListener("pointerdown", outside);
    return () => document.removeEventListener("pointerdown", outside);
  }, [onClose]);

  const results = useMemo(() => {
    if (!all) return [];
    const words = query.toLowerCase().trim().split(/\s+/).filter(Boolean);
    const matches = words.length
      ? all.filter((emoji) =>
          words.every((word) => emoji.label.includes(word) || emoji.tags?.some((tag) => tag.startsWith(word))),
        )
      : all;
    return matches.slice(0, MAX_RESULTS);
  }, [all, query]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new search starts at the first result
  useEffect(() => setActive(0), [query]);

  const pick = (emoji: Emoji | undefined) => {
    if (!emoji) return;
    onPick(emoji.unicode);
    onClose();
  };

  const move = (delta: number) => {
    setActive((index) => Math.min(results.length - 1, Math.max(0, index + delta)));
  };

  const handleKey = (key: string): boolean => {
    switch (key) {
      case "ArrowRight":
        move(1);
        return true;
      case "ArrowLeft":
        move(-1);
        return true;
      case "ArrowDown":
        move(COLUMNS);
        return true;
      case "ArrowUp":
        move(-COLUMNS);
        return true;
      case "Enter":
        pick(results[active]);
        return true;
      case "Escape":
        onClose();
        return true;
      default:
        return false;
    }
  };

  const top = Math.max(8, Math.min(anchor.top - 8 - 360, window.innerHeight - 368));
  const left = Math.max(8, Math.min(anchor.right - 320, window.innerWidth - 328));
  return (
    <div
      ref={root}
      className="emoji-picker"
      role="dialog"
      aria-label="Emoji picker"
      style={{ top: top < 8 ? anchor.bottom + 8 : top, left }}
    >
      <input
        // biome-ignore lint/a11y/noAutofocus: the picker opens to be searched
        autoFocus
        className="input emoji-search"
        aria-label="Search emoji"
        placeholder="Find the perfect emoji"
        value={query}
        role="combobox"
        aria-expanded="true"
        aria-controls="emoji-grid"
        aria-activedescendant={results[active] ? `emoji-${active}` : undefined}
        onChange={(event) => setQuery(event.target.value)}
        onKeyDown={(event) => {
          const handled = handleKey(event.key);
          if (!handled) return;
          event.preventDefault();
          event.stopPropagation();
        }}
      />
      <div className="emoji-grid" id="emoji-grid" role="listbox" aria-label="Emoji">
        {all === null ? <p className="emoji-empty">Loading emoji…</p> : null}
        {all && results.length === 0 ? <p className="emoji-empty">No emoji match “{query}”.</p> : null}
        {results.map((emoji, index) => (
          <button
            key={emoji.unicode}
            id={`emoji-${index}`}
            type="button"
            role="option"
            aria-selected={index === active}
            className={`emoji-option${index === active ? " emoji-option-active" : ""}`}
            aria-label={emoji.label}
            title={
              emoji.custom
                ? `:${emoji.custom.name}: (${emoji.custom.guildName})`
                : `${emoji.label}${emoji.group !== undefined ? ` (${GROUP_NAMES[emoji.group] ?? ""})` : ""}`
            }
            tabIndex={-1}
            onClick={() => pick(emoji)}
            onMouseEnter={() => setActive(index)}
          >
            {emoji.custom ? (
              <CustomEmoji id={emoji.custom.id} name={emoji.custom.name} animated={emoji.custom.animated} />
            ) : (
              emoji.unicode
            )}
          </button>
        ))}
      </div>
    </div>
  );
}
