/** Who is signed in: boots from a stored refresh token, and signs out everywhere the session ends. */
import type { CurrentUser } from "@nexus/protocol";
import { ApiClient } from "../api/api-client.js";
import { ApiError } from "../api/api-error.js";
import { createAuthApi } from "../api/auth-api.js";
import { type TokenPair, TokenStore } from "../api/token-store.js";
import { Store } from "./store.js";

export type SessionState =
  | { status: "loading" }
  | { status: "unreachable" }
  | { status: "signed-out"; notice?: string }
  | { status: "signed-in"; user: CurrentUser };

export const sessionStore = new Store<SessionState>({ status: "loading" });

const tokens = new TokenStore(window.localStorage);

export const api = new ApiClient(tokens, () => {
  if (sessionStore.get().status !== "signed-out") {
    sessionStore.set({ status: "signed-out", notice: "Your session ended. Please log in again." });
  }
});

export const authApi = createAuthApi(api);

tokens.onClearedElsewhere(() => sessionStore.set({ status: "signed-out" }));

/** Restores the session from the stored refresh token, if there is one. */
export async function bootSession(): Promise<void> {
  if (!api.hasSession()) return sessionStore.set({ status: "signed-out" });
  sessionStore.set({ status: "loading" });
  try {
    const user = await authApi.me();
    sessionStore.set({ status: "signed-in", user });
  } catch (error) {
    if (error instanceof ApiError && error.status === 0) sessionStore.set({ status: "unreachable" });
    else if (error instanceof ApiError && error.status >= 500) sessionStore.set({ status: "unreachable" });
    else sessionStore.set({ status: "signed-out" });
  }
}

export function signIn(pair: TokenPair, user: CurrentUser): void {
  api.startSession(pair);
  sessionStore.set({ status: "signed-in", user });
}

export async function signOut(): Promise<void> {
  try {
    await authApi.logout();
  } catch {
    // The server may already consider the session gone; forgetting it locally is what matters here.
  }
  api.endSession();
  sessionStore.set({ status: "signed-out" });
}

export function updateCurrentUser(user: CurrentUser): void {
  sessionStore.set({ status: "signed-in", user });
}
