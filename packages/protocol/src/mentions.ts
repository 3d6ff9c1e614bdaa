/**
 * Mention syntax in message content: `<@user_id>` (also `<@!user_id>`), `<@&role_id>`, `<#channel_id>`, and the
 * literal words `@everyone` / `@here`. Pure, so the server and clients parse a message identically.
 */
import type { AllowedMentions } from "./messages.js";

export interface ParsedMentions {
  users: string[];
  roles: string[];
  channels: string[];
  everyone: boolean;
  here: boolean;
}

/** Caps what one message can fan out to; ids beyond these are ignored. */
export const MAX_MENTIONS_PER_KIND = 100;

/** `@everyone`/`@here` count only as words of their own (not inside an e-mail address). */
const TOKEN = /<(@!?|@&|#)([0-9]{1,19})>|(?<![\w@.])@(everyone|here)\b/g;
/** Code spans and blocks are shown verbatim, so mentions inside them do not ping. */
const CODE = /```[\s\S]*?```|`[^`\n]*`/g;

function pushUnique(list: string[], id: string): void {
  if (list.length < MAX_MENTIONS_PER_KIND && !list.includes(id)) list.push(id);
}

/** Every mention written in `content`, in order of first appearance, without duplicates. */
export function parseMentions(content: string): ParsedMentions {
  const text = content.replace(CODE, (code) => " ".repeat(code.length));
  const parsed: ParsedMentions = { users: [], roles: [], channels: [], everyone: false, here: false };
  for (const match of text.matchAll(TOKEN)) {
    const [, sigil, id, word] = match;
    if (word === "everyone") parsed.everyone = true;
    else if (word === "here") parsed.here = true;
    else if (id && sigil === "@&") pushUnique(parsed.roles, id);
    else if (id && sigil === "#") pushUnique(parsed.channels, id);
    else if (id) pushUnique(parsed.users, id);
  }
  return parsed;
}

/**
 * Narrows parsed mentions to what `allowed` permits (Discord semantics): `parse` lists the kinds taken from the
 * content (all when omitted); `users` / `roles` whitelist specific ids of kinds not in `parse`.
 */
export function applyAllowedMentions(parsed: ParsedMentions, allowed: AllowedMentions | undefined): ParsedMentions {
  if (!allowed) return parsed;
  const parse = new Set(allowed.parse ?? (allowed.users || allowed.roles ? [] : ["users", "roles", "everyone"]));
  const allowedUsers = new Set(allowed.users ?? []);
  const allowedRoles = new Set(allowed.roles ?? []);
  return {
    users: parse.has("users") ? parsed.users : parsed.users.filter((id) => allowedUsers.has(id)),
    roles: parse.has("roles") ? parsed.roles : parsed.roles.filter((id) => allowedRoles.has(id)),
    channels: parsed.channels,
    everyone: parse.has("everyone") && parsed.everyone,
    here: parse.has("everyone") && parsed.here,
  };
}
