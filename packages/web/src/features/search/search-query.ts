/**
 * Discord-style search syntax: free words plus filters — from:user, mentions:user, in:channel, has:link|file|image|
 * embed, pinned:true|false, before:YYYY-MM-DD, after:YYYY-MM-DD. Names resolve to ids through the caller's lookups.
 */
import { SEARCH_HAS, snowflakeAt } from "@nexus/protocol";

export interface SearchLookups {
  userId(name: string): string | undefined;
  channelId(name: string): string | undefined;
}

export interface SearchChip {
  /** The token as typed ("from:amy"), so a chip can be removed from the query text. */
  token: string;
  label: string;
}

export interface ParsedSearch {
  params: [string, string][];
  chips: SearchChip[];
  /** Filters that name nothing known ("from:nobody"). */
  problems: string[];
}

const FILTER = /(^|\s)(from|mentions|in|has|pinned|before|after):("[^"]*"|\S+)/g;

function dayStart(value: string): number | null {
  const ms = Date.parse(`${value}T00:00:00`);
  return Number.isNaN(ms) ? null : ms;
}

export function parseSearch(input: string, lookups: SearchLookups): ParsedSearch {
  const params: [string, string][] = [];
  const chips: SearchChip[] = [];
  const problems: string[] = [];
  for (const match of input.matchAll(FILTER)) {
    const key = match[2] ?? "";
    const raw = match[3] ?? "";
    const value = raw.replace(/^"|"$/g, "").replace(/^[@#]/, "");
    const token = `${key}:${raw}`;
    const add = (param: string, resolved: string | undefined | null, label: string) => {
      if (resolved === undefined || resolved === null) problems.push(`Nothing matches ${token}.`);
      else {
        params.push([param, resolved]);
        chips.push({ token, label });
      }
    };
    if (key === "from") add("author_id", lookups.userId(value), `From: ${value}`);
    else if (key === "mentions") add("mentions", lookups.userId(value), `Mentions: ${value}`);
    else if (key === "in") add("channel_id", lookups.channelId(value), `In: #${value}`);
    else if (key === "has")
      add("has", (SEARCH_HAS as readonly string[]).includes(value) ? value : undefined, `Has: ${value}`);
    else if (key === "pinned")
      add(
        "pinned",
        value === "true" || value === "false" ? value : undefined,
        value === "false" ? "Not pinned" : "Pinned",
      );
    else {
      const day = dayStart(value);
      // "before" a day means before it starts; "after" a day means after it ends.
      const edge = day === null ? null : snowflakeAt(key === "before" ? day : day + 86_400_000);
      add(key, edge, `${key === "before" ? "Before" : "After"}: ${value}`);
    }
  }
  const content = input.replace(FILTER, " ").replace(/\s+/g, " ").trim();
  if (content) params.unshift(["content", content]);
  return { params, chips, problems };
}

/** The query text without one chip's token. */
export function withoutToken(input: string, token: string): string {
  return input.replace(token, " ").replace(/\s+/g, " ").trim();
}
