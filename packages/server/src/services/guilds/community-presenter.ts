/** Turns community rows into the wire shapes of protocol. */
import type { Ban, Channel, ChannelType, Guild, Invite, Member, Role } from "@nexus/protocol";
import type { BanRow } from "../../storage/repositories/ban.repository.js";
import type { ChannelRow, OverwriteRow } from "../../storage/repositories/channel.repository.js";
import type { GuildRow } from "../../storage/repositories/guild.repository.js";
import type { InviteRow } from "../../storage/repositories/invite.repository.js";
import type { MemberWithUser } from "../../storage/repositories/member.repository.js";
import type { RoleRow } from "../../storage/repositories/role.repository.js";
import type { UserRow } from "../../storage/repositories/user.repository.js";
import { toPublicUser } from "../users/user-presenter.js";

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

export function toGuild(row: GuildRow): Guild {
  return {
    id: row.id,
    name: row.name,
    icon: row.icon,
    banner: row.banner,
    description: row.description,
    owner_id: row.owner_id,
    discoverable: row.discoverable === 1,
    created_at: iso(row.created_at),
  };
}

export function toRole(row: RoleRow): Role {
  return {
    id: row.id,
    guild_id: row.guild_id,
    name: row.name,
    color: row.color,
    hoist: row.hoist === 1,
    mentionable: row.mentionable === 1,
    permissions: row.permissions,
    position: row.position,
  };
}

export function toChannel(row: ChannelRow & { guild_id: string }, overwrites: readonly OverwriteRow[]): Channel {
  return {
    id: row.id,
    guild_id: row.guild_id,
    type: row.type as ChannelType,
    name: row.name,
    topic: row.topic,
    position: row.position,
    parent_id: row.parent_id,
    nsfw: row.nsfw === 1,
    slowmode_seconds: row.slowmode_seconds,
    bitrate: row.bitrate,
    user_limit: row.user_limit,
    permission_overwrites: overwrites.map((o) => ({ id: o.target_id, type: o.type, allow: o.allow, deny: o.deny })),
  };
}

export function toMember({ member, user, role_ids }: MemberWithUser): Member {
  return {
    guild_id: member.guild_id,
    user: toPublicUser(user),
    nickname: member.nickname,
    roles: role_ids,
    joined_at: iso(member.joined_at),
    timeout_until: isoOrNull(member.timeout_until),
  };
}

export function toBan(ban: BanRow, user: UserRow): Ban {
  return {
    guild_id: ban.guild_id,
    user: toPublicUser(user),
    reason: ban.reason,
    delete_message_seconds: ban.delete_message_seconds,
    created_at: iso(ban.created_at),
  };
}

export function toInvite(
  row: InviteRow,
  guild: GuildRow,
  channel: Pick<ChannelRow, "id" | "name" | "type">,
  inviter: UserRow | undefined,
): Invite {
  return {
    code: row.code,
    guild: { id: guild.id, name: guild.name, icon: guild.icon, description: guild.description },
    channel: { id: channel.id, name: channel.name, type: channel.type as ChannelType },
    inviter: inviter ? toPublicUser(inviter) : null,
    max_age_seconds: row.max_age_seconds,
    max_uses: row.max_uses,
    uses: row.uses,
    created_at: iso(row.created_at),
    expires_at: isoOrNull(row.expires_at),
  };
}
