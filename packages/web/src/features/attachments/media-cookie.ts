/** Keeps the media cookie alive while someone is signed in (renewed before it expires), and removes it at sign-out. */
import { sessionStore } from "../../state/session.js";
import { clearMediaCookie, refreshMediaCookie } from "./upload-api.js";

/** Renew when this much of the cookie's life has passed. */
const RENEW_AT = 0.8;
const RETRY_MS = 30_000;

let timer: ReturnType<typeof setTimeout> | undefined;

async function renew(): Promise<void> {
  clearTimeout(timer);
  let delayMs = RETRY_MS;
  try {
    delayMs = (await refreshMediaCookie()) * 1000 * RENEW_AT;
  } catch {
    // Offline or signing out: try again shortly; a signed-out session stops the loop below.
  }
  if (sessionStore.get().status === "signed-in") timer = setTimeout(() => void renew(), delayMs);
}

/** Starts following the session: call once at startup. */
export function keepMediaCookieFresh(): void {
  let signedIn = false;
  const follow = () => {
    const now = sessionStore.get().status === "signed-in";
    if (now === signedIn) return;
    signedIn = now;
    if (now) {
      void renew();
    } else {
      clearTimeout(timer);
      void clearMediaCookie().catch(() => undefined);
    }
  };
  sessionStore.subscribe(follow);
  follow();
}
