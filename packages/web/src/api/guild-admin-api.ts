/** Running a server: settings, roles, channels and their overwrites, moderation, invites and the audit log. */
import type {
  AuditLogEntry,
  Ban,
  Channel,
  CreateChannel,
  Guild,
  Invite,
  Member,
  PutOverwrite,
  Role,
  UpdateChannel,
  UpdateGuild,
  UpdateMember,
  UpdateRole,
} from "@nexus/protocol";
import type { ApiClient } from "./api-client.js";

export function createGuildAdminApi(api: ApiClient) {
  return {
    updateGuild: (guildId: string, changes: UpdateGuild) => api.patch<Guild>(`/guilds/${guildId}`, changes),
    deleteGuild: (guildId: string) => api.delete<void>(`/guilds/${guildId}`),

    createRole: (guildId: string) => api.post<Role>(`/guilds/${guildId}/roles`, {}),
    updateRole: (guildId: string, roleId: string, changes: UpdateRole) =>
      api.patch<Role>(`/guilds/${guildId}/roles/${roleId}`, changes),
    deleteRole: (guildId: string, roleId: string) => api.delete<void>(`/guilds/${guildId}/roles/${roleId}`),
    moveRoles: (guildId: string, positions: { id: string; position: number }[]) =>
      api.patch<Role[]>(`/guilds/${guildId}/roles`, positions),

    createChannel: (guildId: string, body: CreateChannel) => api.post<Channel>(`/guilds/${guildId}/channels`, body),
    updateChannel: (channelId: string, changes: UpdateChannel) => api.patch<Channel>(`/channels/${channelId}`, changes),
    deleteChannel: (channelId: string) => api.delete<void>(`/channels/${channelId}`),
    moveChannels: (guildId: string, positions: { id: string; position: number; parent_id?: string | null }[]) =>
      api.patch<Channel[]>(`/guilds/${guildId}/channels`, positions),
    putOverwrite: (channelId: string, targetId: string, body: PutOverwrite) =>
      api.put<void>(`/channels/${channelId}/permissions/${targetId}`, body),
    deleteOverwrite: (channelId: string, targetId: string) =>
      api.delete<void>(`/channels/${channelId}/permissions/${targetId}`),

    updateMember: (guildId: string, userId: string, changes: UpdateMember) =>
      api.patch<Member>(`/guilds/${guildId}/members/${userId}`, changes),
    kick: (guildId: string, userId: string) => api.delete<void>(`/guilds/${guildId}/members/${userId}`),
    bans: (guildId: string) => api.get<Ban[]>(`/guilds/${guildId}/bans`),
    ban: (guildId: string, userId: string, body: { reason?: string; delete_message_seconds?: number }) =>
      api.put<void>(`/guilds/${guildId}/bans/${userId}`, body),
    unban: (guildId: string, userId: string) => api.delete<void>(`/guilds/${guildId}/bans/${userId}`),

    invites: (guildId: string) => api.get<Invite[]>(`/guilds/${guildId}/invites`),
    revokeInvite: (code: string) => api.delete<void>(`/invites/${encodeURIComponent(code)}`),
    auditLog: (guildId: string, before?: string) =>
      api.get<AuditLogEntry[]>(`/guilds/${guildId}/audit-logs?limit=50${before ? `&before=${before}` : ""}`),
  };
}
