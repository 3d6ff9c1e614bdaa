/** Turns user rows into the wire shapes: the owner's view and the public profile. */
import type { CurrentUser, PublicUser } from "@nexus/protocol";
import type { UserRow } from "../../storage/repositories/user.repository.js";

export function toPublicUser(row: UserRow): PublicUser {
  return {
    id: row.id,
    username: row.username,
    display_name: row.display_name,
    avatar: row.avatar,
    bio: row.bio,
    pronouns: row.pronouns,
    accent_color: row.accent_color,
    bot: row.bot === 1,
    created_at: new Date(row.created_at).toISOString(),
  };
}

export function toCurrentUser(row: UserRow): CurrentUser {
  return { ...toPublicUser(row), email: row.email, totp_enabled: row.totp_enabled === 1 };
}
