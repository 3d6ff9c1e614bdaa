/**
 * Mention autocomplete for the composer: typing @na or #gen lists matching members or channels; arrows move,
 * Enter or Tab inserts <@id> / <#id>, Escape dismisses.
 */
import { useState } from "react";

export interface Mentionable {
  id: string;
  name: string;
}

export interface MentionSources {
  users: Mentionable[];
  channels: Mentionable[];
}

export interface Suggestion {
  /** What replaces the typed @query or #query. */
  insert: string;
  label: string;
  kind: "user" | "channel";
}

const MAX_SUGGESTIONS = 8;
const TRIGGER = /(^|\s)([@#])([^\s@#<>]{0,32})$/;

/** The @query or #query just before the caret, if any. */
function activeQuery(text: string, caret: number): { start: number; sigil: "@" | "#"; query: string } | null {
  const match = TRIGGER.exec(text.slice(0, caret));
  if (!match) return null;
  const [, lead = "", sigil, query = ""] = match;
  return { start: (match.index ?? 0) + lead.length, sigil: sigil === "#" ? "#" : "@", query: query.toLowerCase() };
}

export function suggestionsFor(text: string, caret: number, sources: MentionSources): Suggestion[] {
  const active = activeQuery(text, caret);
  if (!active) return [];
  const pool = active.sigil === "@" ? sources.users : sources.channels;
  const ranked = pool
    .filter((item) => item.name.toLowerCase().includes(active.query))
    .sort(
      (a, b) =>
        Number(!a.name.toLowerCase().startsWith(active.query)) - Number(!b.name.toLowerCase().startsWith(active.query)),
    );
  return ranked
    .slice(0, MAX_SUGGESTIONS)
    .map((item) =>
      active.sigil === "@"
        ? { insert: `<@${item.id}> `, label: `@${item.name}`, kind: "user" }
        : { insert: `<#${item.id}> `, label: `#${item.name}`, kind: "channel" },
    );
}

/** The text with the active @query/#query replaced by the suggestion, and where the caret goes. */
export function applySuggestion(text: string, caret: number, suggestion: Suggestion): { text: string; caret: number } {
  const active = activeQuery(text, caret);
  if (!active) return { text, caret };
  const before = text.slice(0, active.start) + suggestion.insert;
  return { text: before + text.slice(caret), caret: before.length };
}

export function MentionSuggestions({
  id,
  suggestions,
  active,
  onPick,
}: {
  id: string;
  suggestions: Suggestion[];
  active: number;
  onPick: (suggestion: Suggestion) => void;
}) {
  if (suggestions.length === 0) return null;
  return (
    <div className="mention-suggestions" id={id} role="listbox" aria-label="Mention suggestions">
      {suggestions.map((suggestion, index) => (
        <div
          key={suggestion.insert}
          id={`${id}-${index}`}
          role="option"
          aria-selected={index === active}
          tabIndex={-1}
          className={`mention-suggestion${index === active ? " mention-suggestion-active" : ""}`}
          // Keep the textarea focused: pick on mousedown, before the click would move focus here.
          onMouseDown={(event) => {
            event.preventDefault();
            onPick(suggestion);
          }}
        >
          {suggestion.label}
        </div>
      ))}
    </div>
  );
}

/** The highlighted suggestion, reset whenever the list changes. */
export function useActiveSuggestion(suggestions: Suggestion[]): [number, (delta: number) => void] {
  const [state, setState] = useState({ key: "", index: 0 });
  const key = suggestions.map((s) => s.insert).join("|");
  const index = state.key === key ? state.index : 0;
  const move = (delta: number) =>
    setState({ key, index: (index + delta + suggestions.length) % Math.max(1, suggestions.length) });
  return [index, move];
}
