/** Runs the gateway while someone is signed in and feeds its dispatches into the stores. */
import { GatewayClient, type GatewayStatus, gatewayUrl } from "../gateway/gateway-client.js";
import { applyDispatch, resetCommunity } from "./community.js";
import { api, sessionStore } from "./session.js";
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
  clientUserId = userId;
  resetCommunity();
  if (!userId) return;
  client = new GatewayClient({
    url: gatewayUrl(),
    token: () => api.accessToken(),
    onDispatch: (type, data) => applyDispatch(type, data, userId),
    onStatus: (status) => connectionStore.set(status),
    onAuthenticationFailed: () => sessionStore.set({ status: "signed-out", notice: "Please log in again." }),
  });
  client.start();
}

/** Starts following the session: connect on sign-in, disconnect on sign-out or account switch. */
export function startRealtime(): void {
  sessionStore.subscribe(sync);
  sync();
}
