/**
 * The user's notification settings per server and channel: loaded over REST when the gateway is ready (READY does
 * not carry them) and kept in step across their sessions by NOTIFICATION_SETTINGS_UPDATE.
 */
import type { NotificationSetting, UpdateNotificationSetting } from "@nexus/protocol";
import { api } from "../../state/session.js";
import { Store, useStore } from "../../state/store.js";

export const notificationStore = new Store<Record<string, NotificationSetting>>({});

/** Timestamp for "until I turn it back on": the server stores a date, so forever is the far future. */
export const MUTED_FOREVER = "9999-12-31T23:59:59.000Z";

let expiryTimer: ReturnType<typeof setTimeout> | undefined;

export function isMuted(setting: NotificationSetting | undefined, now = Date.now()): boolean {
  return !!setting?.muted_until && Date.parse(setting.muted_until) > now;
}

export type NotificationLevel = NonNullable<NotificationSetting["level"]>;

/** The level that applies to a channel: its own, else its server's, else all messages (DMs are always all). */
export function effectiveLevel(
  all: Record<string, NotificationSetting>,
  channelId: string,
  guildId: string | null,
): NotificationLevel {
  return all[channelId]?.level ?? (guildId ? all[guildId]?.level : null) ?? "all";
}

/** Re-publishes the settings when the next mute ends, so muted channels and servers come back on their own. */
function scheduleExpiry(): void {
  clearTimeout(expiryTimer);
  const now = Date.now();
  const ends = Object.values(notificationStore.get())
    .filter((setting) => isMuted(setting, now))
    .map((setting) => Date.parse(setting.muted_until as string));
  const next = Math.min(...ends);
  // setTimeout cannot wait longer than ~24.8 days; a longer mute is checked again then.
  if (Number.isFinite(next)) expiryTimer = setTimeout(refresh, Math.min(next - now + 50, 2 ** 31 - 1));
}

function refresh(): void {
  notificationStore.set((all) => ({ ...all }));
  scheduleExpiry();
}

function put(setting: NotificationSetting): void {
  notificationStore.set((all) => ({ ...all, [setting.id]: setting }));
  scheduleExpiry();
}

async function load(): Promise<void> {
  const settings = await api.get<NotificationSetting[]>("/users/@me/notification-settings");
  notificationStore.set(Object.fromEntries(settings.map((setting) => [setting.id, setting])));
  scheduleExpiry();
}

export function applyNotificationDispatch(type: string, data: unknown): void {
  if (type === "READY") void load().catch(() => undefined);
  else if (type === "NOTIFICATION_SETTINGS_UPDATE") put(data as NotificationSetting);
}

export function resetNotifications(): void {
  clearTimeout(expiryTimer);
  notificationStore.set({});
}

/** Saves a change for a server or a channel; the answer is applied at once, the gateway echo changes nothing. */
export async function updateNotifications(
  scope: NotificationSetting["scope"],
  id: string,
  changes: UpdateNotificationSetting,
): Promise<void> {
  const path = scope === "guild" ? "guilds" : "channels";
  put(await api.patch<NotificationSetting>(`/users/@me/${path}/${id}/notification-settings`, changes));
}

export function useNotificationSetting(id: string): NotificationSetting | undefined {
  return useStore(notificationStore, (all) => all[id]);
}

export function useMuted(id: string): boolean {
  return useStore(notificationStore, (all) => isMuted(all[id]));
}
