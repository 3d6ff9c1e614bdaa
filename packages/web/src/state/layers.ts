/** Which full-screen layer covers the app (user, server or channel settings); one at a time, Escape closes it. */
import { Store } from "./store.js";

export type LayerState =
  | { kind: "none" }
  | { kind: "user-settings"; section: string }
  | { kind: "server-settings"; guildId: string; section: string }
  | { kind: "channel-settings"; guildId: string; channelId: string; section: string }
  | { kind: "create-channel"; guildId: string; parentId: string | null }
  | { kind: "switcher" };

export const layerStore = new Store<LayerState>({ kind: "none" });

export function openUserSettings(section = "account"): void {
  layerStore.set({ kind: "user-settings", section });
}

export function openServerSettings(guildId: string, section = "overview"): void {
  layerStore.set({ kind: "server-settings", guildId, section });
}

export function openChannelSettings(guildId: string, channelId: string, section = "overview"): void {
  layerStore.set({ kind: "channel-settings", guildId, channelId, section });
}

export function openCreateChannel(guildId: string, parentId: string | null): void {
  layerStore.set({ kind: "create-channel", guildId, parentId });
}

export function openSwitcher(): void {
  layerStore.set({ kind: "switcher" });
}

export function closeLayer(): void {
  layerStore.set({ kind: "none" });
}
