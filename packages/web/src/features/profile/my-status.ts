/** The signed-in user's own status choice (READY settings, USER_SETTINGS_UPDATE from any device) and changing it. */
import type { PresenceSettings, PresenceUpdate, Ready } from "@nexus/protocol";
import { Store } from "../../state/store.js";

export const myStatusStore = new Store<PresenceSettings>({ status: "online", custom_status: null });

export function applyStatusDispatch(type: string, data: unknown): void {
  if (type === "READY") myStatusStore.set((data as Ready).settings);
  if (type === "USER_SETTINGS_UPDATE") myStatusStore.set(data as PresenceSettings);
}

/** Set by realtime.ts: sends a presence_update over the live gateway connection. */
let sender: ((update: PresenceUpdate) => void) | null = null;

export function setPresenceSender(send: ((update: PresenceUpdate) => void) | null): void {
  sender = send;
}

/** Changes status for every session; the server echoes USER_SETTINGS_UPDATE, which updates the store. */
export function chooseStatus(update: PresenceUpdate): void {
  myStatusStore.set({ status: update.status, custom_status: update.custom_status ?? null });
  sender?.(update);
}
