/** Where the session's tokens live: the access token only in memory, the refresh token in localStorage. */

import type { TokenPairSchema } from "@nexus/protocol";
import type { z } from "zod";

export type TokenPair = z.infer<typeof TokenPairSchema>;

const REFRESH_KEY = "nexus.refresh_token";
/** Refresh a little early so a request never leaves with a token that expires in flight. */
const EXPIRY_SKEW_MS = 30_000;

export class TokenStore {
  private access: string | null = null;
  private accessExpiresAt = 0;

  constructor(
    private readonly storage: Storage,
    private readonly now: () => number = Date.now,
  ) {}

  /** The access token if it is still comfortably valid, else null. */
  freshAccessToken(): string | null {
    return this.access && this.now() < this.accessExpiresAt - EXPIRY_SKEW_MS ? this.access : null;
  }

  currentAccessToken(): string | null {
    return this.access;
  }

  /** Read from storage every time: another tab may have rotated it since this one last looked. */
  refreshToken(): string | null {
    return this.storage.getItem(REFRESH_KEY);
  }

  save(pair: TokenPair): void {
    this.access = pair.access_token;
    this.accessExpiresAt = this.now() + pair.expires_in * 1000;
    this.storage.setItem(REFRESH_KEY, pair.refresh_token);
  }

  clear(): void {
    this.access = null;
    this.accessExpiresAt = 0;
    this.storage.removeItem(REFRESH_KEY);
  }

  /** Calls back when another tab signs out (removes the refresh token). */
  onClearedElsewhere(listener: () => void): () => void {
    const handler = (event: StorageEvent) => {
      if (event.key === REFRESH_KEY && event.newValue === null) listener();
    };
    window.addEventListener("storage", handler);
    return () => window.removeEventListener("storage", handler);
  }
}
