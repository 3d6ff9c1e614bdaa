/** The signed-in user's servers and each server's channels, loaded over REST and kept in one store. */
import { type Channel, createGuildApi, type Guild } from "../api/guild-api.js";
import { api } from "./session.js";
import { Store } from "./store.js";

export interface GuildsState {
  status: "idle" | "loading" | "ready" | "error";
  guilds: Guild[];
  channels: Record<string, Channel[]>;
}

export const guildApi = createGuildApi(api);
export const guildsStore = new Store<GuildsState>({ status: "idle", guilds: [], channels: {} });

export async function loadGuilds(): Promise<void> {
  guildsStore.set((s) => ({ ...s, status: "loading" }));
  try {
    const guilds = await guildApi.myGuilds();
    guildsStore.set((s) => ({ ...s, status: "ready", guilds }));
  } catch {
    guildsStore.set((s) => ({ ...s, status: "error" }));
  }
}

export async function loadChannels(guildId: string): Promise<void> {
  const channels = await guildApi.channels(guildId);
  guildsStore.set((s) => ({ ...s, channels: { ...s.channels, [guildId]: channels } }));
}

export async function createGuild(name: string): Promise<Guild> {
  const guild = await guildApi.create(name);
  guildsStore.set((s) => ({ ...s, guilds: [...s.guilds, guild] }));
  return guild;
}

/** Channels in display order: uncategorised first, then each category followed by its children. */
export function sortChannels(channels: Channel[]): { category: Channel | null; channels: Channel[] }[] {
  const byPosition = [...channels].sort((a, b) => a.position - b.position || a.id.localeCompare(b.id));
  const categories = byPosition.filter((c) => c.type === "category");
  const groups = [
    { category: null as Channel | null, channels: byPosition.filter((c) => c.type !== "category" && !c.parent_id) },
  ];
  for (const category of categories) {
    groups.push({ category, channels: byPosition.filter((c) => c.parent_id === category.id && c.type !== "category") });
  }
  return groups.filter((group) => group.category || group.channels.length > 0);
}
