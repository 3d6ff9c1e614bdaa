/** Servers ("guilds" in the API), their members, and invites — REST calls the gateway does not replace. */
import type { Guild, GuildSnapshot, Invite, InvitePreview, Member } from "@nexus/protocol";
import type { ApiClient } from "./api-client.js";

export function createCommunityApi(api: ApiClient) {
  return {
    createGuild: (name: string) => api.post<GuildSnapshot>("/guilds", { name }),
    guild: (guildId: string) => api.get<GuildSnapshot>(`/guilds/${guildId}`),
    members: (guildId: string) => api.get<Member[]>(`/guilds/${guildId}/members?limit=1000`),
    createInvite: (channelId: string, body: { max_age_seconds?: number; max_uses?: number } = {}) =>
      api.post<Invite>(`/channels/${channelId}/invites`, body),
    previewInvite: (code: string) => api.get<InvitePreview>(`/invites/${encodeURIComponent(code)}`, { auth: false }),
    acceptInvite: (code: string) => api.post<Guild>(`/invites/${encodeURIComponent(code)}`),
  };
}
