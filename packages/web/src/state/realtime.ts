/** Runs the gateway while someone is signed in and feeds its dispatches into the stores. */
import type { CurrentUser } from "@nexus/protocol";
import { applyChatDispatch, resetChat } from "../features/chat/chat-events.js";
import { applyDmDispatch, resetDms } from "../features/dms/dm-store.js";
import { applyNotificationDispatch, resetNotifications } from "../features/notifications/notification-store.js";
import { applyStatusDispatch, setPresenceSender } from "../features/profile/my-status.js";
import { GatewayClient, type GatewayStatus, gatewayUrl } from "../gateway/gateway-client.js";
import { applyDispatch, identifying, resetCommunity } from "./community.js";
import { api, sessionStore, updateCurrentUser } from "./session.js";
import { Store } from "./store.js";

export const connectionStore = new Store<GatewayStatus>("connecting");

let client: GatewayClient | null = null;
let clientUserId: string | null = null;

function sync(): void {
  const session = sessionStore.get();
  const userId = session.status === "signed-in" ? session.user.id : null;
  if (userId === clientUserId) return;
  client?.stop();
  client = null;
  setPresenceSender(null);
  clientUserId = userId;
  resetCommunity();
  resetChat();
  resetDms();
  resetNotifications();
  if (!userId) return;
  client = new GatewayClient({
    url: gatewayUrl(),
    token: () => api.accessToken(),
    onDispatch: (type, data) => {
      // Profile and two-factor changes made on another device.
      if (type === "USER_UPDATE") updateCurrentUser(data as CurrentUser);
      applyDispatch(type, data, userId);
      applyChatDispatch(type, data, userId);
      applyDmDispatch(type, data);
      applyStatusDispatch(type, data);
      applyNotificationDispatch(type, data);
    },
    onStatus: (status) => connectionStore.set(status),
    onIdentify: identifying,
    onAuthenticationFailed: () => sessionStore.set({ status: "signed-out", notice: "Please log in again." }),
  });
  const started = client;
  setPresenceSender((update) => started.send("presence_update", update));
  client.start();
}

/** Starts following the session: connect on sign-in, disconnect on sign-out or account switch. */
export function startRealtime(): void {
  sessionStore.subscribe(sync);
  sync();
}
