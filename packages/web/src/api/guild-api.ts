/** Servers ("guilds" in the API) and their channels, as issue #3 specifies them under /api/v1. */
import type { ApiClient } from "./api-client.js";

export type ChannelType = "text" | "voice" | "category" | "announcement" | "forum";

export interface Guild {
  id: string;
  name: string;
  icon: string | null;
  owner_id: string;
}

export interface Channel {
  id: string;
  guild_id: string | null;
  type: ChannelType;
  name: string;
  topic?: string | null;
  position: number;
  parent_id: string | null;
}

export function createGuildApi(api: ApiClient) {
  return {
    myGuilds: () => api.get<Guild[]>("/users/@me/guilds"),
    create: (name: string) => api.post<Guild>("/guilds", { name }),
    channels: (guildId: string) => api.get<Channel[]>(`/guilds/${guildId}/channels`),
  };
}
