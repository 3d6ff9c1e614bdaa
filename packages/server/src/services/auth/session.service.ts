/** Sessions: start one, rotate its refresh token, authenticate its access tokens, list and revoke them. */
import type { Session } from "@nexus/protocol";
import type { EventPublisher } from "../../bus/bus.js";
import { DomainError } from "../../errors.js";
import { userTopic } from "../../events/domain-events.js";
import type { SnowflakeGenerator } from "../../ids/snowflake.js";
import type { SessionRepository, SessionRow } from "../../storage/repositories/session.repository.js";
import { type AccessClaims, type AccessTokens, MEDIA_AUDIENCE } from "./access-tokens.js";
import { hashToken, newOpaqueToken } from "./secrets.js";

export interface ClientInfo {
  ip: string;
  userAgent: string | undefined;
}

export interface TokenPair {
  access_token: string;
  refresh_token: string;
  token_type: "Bearer";
  expires_in: number;
}

export interface SessionServiceDeps {
  sessions: SessionRepository;
  accessTokens: AccessTokens;
  ids: SnowflakeGenerator;
  events: EventPublisher;
  settings: { refreshTokenTtlDays: number; recordIp: boolean };
  now: () => number;
}

const DAY_MS = 86_400_000;

export class SessionService {
  constructor(private readonly deps: SessionServiceDeps) {}

  async start(userId: string, deviceName: string | undefined, client: ClientInfo): Promise<TokenPair> {
    const refresh = newOpaqueToken();
    const now = this.deps.now();
    const sessionId = this.deps.ids.next();
    await this.deps.sessions.create(
      {
        id: sessionId,
        user_id: userId,
        device_name: deviceName ?? describeDevice(client.userAgent),
        ip: this.ipToStore(client),
        created_at: now,
        last_used_at: now,
        expires_at: this.expiresAt(now),
      },
      hashToken(refresh),
    );
    return this.tokenPair(await this.deps.accessTokens.sign({ userId, sessionId }), refresh);
  }

  /** Spends a refresh token for a new pair; a token spent twice means it was copied, so the session ends. */
  async refresh(refreshToken: string, client: ClientInfo): Promise<TokenPair> {
    const next = newOpaqueToken();
    const now = this.deps.now();
    const result = await this.deps.sessions.rotate(hashToken(refreshToken), hashToken(next), now, {
      expiresAt: this.expiresAt(now),
      ip: this.ipToStore(client),
    });
    if (result.state === "reused") {
      const session = await this.deps.sessions.findById(result.sessionId);
      if (session) await this.revoke(session.user_id, session.id);
      throw new DomainError("INVALID_TOKEN", "This refresh token was already used; the session has been signed out.");
    }
    if (result.state === "unknown") throw new DomainError("INVALID_TOKEN", "The refresh token is not valid.");
    const { session } = result;
    return this.tokenPair(await this.deps.accessTokens.sign({ userId: session.user_id, sessionId: session.id }), next);
  }

  /** Verifies an access token and that its session still exists, so revocation takes effect at once. */
  async authenticate(accessToken: string, audience?: string): Promise<AccessClaims> {
    const claims = await this.deps.accessTokens.verify(accessToken, audience);
    const session = await this.deps.sessions.findById(claims.sessionId);
    if (!session || session.user_id !== claims.userId || session.expires_at <= this.deps.now()) {
      throw new DomainError("INVALID_TOKEN", "This session has been signed out.");
    }
    return claims;
  }

  /** A token for the media cookie: same session and lifetime as an access token, valid only for /media. */
  async mediaToken(actor: AccessClaims): Promise<{ token: string; expiresIn: number }> {
    return {
      token: await this.deps.accessTokens.sign(actor, MEDIA_AUDIENCE),
      expiresIn: this.deps.accessTokens.ttlSeconds,
    };
  }

  authenticateMedia(mediaToken: string): Promise<AccessClaims> {
    return this.authenticate(mediaToken, MEDIA_AUDIENCE);
  }

  async list(actor: AccessClaims): Promise<Session[]> {
    const rows = await this.deps.sessions.listActiveForUser(actor.userId, this.deps.now());
    return rows.map((row) => this.present(row, actor.sessionId));
  }

  /** Ends one of the user's own sessions; someone else's looks exactly like one that does not exist. */
  async revoke(userId: string, sessionId: string): Promise<void> {
    if (!(await this.deps.sessions.deleteOwned(userId, sessionId))) {
      throw new DomainError("UNKNOWN_SESSION", "Session was not found.");
    }
    await this.deps.events.publish(userTopic(userId), {
      type: "SESSIONS_REVOKED",
      data: { user_id: userId, session_ids: [sessionId] },
    });
  }

  /** Ends every session of the user, or every one but `exceptSessionId`; returns how many ended. */
  async revokeAll(userId: string, exceptSessionId?: string): Promise<number> {
    const revoked = await this.deps.sessions.deleteForUser(userId, exceptSessionId);
    await this.announceRevokedAll(userId, exceptSessionId);
    return revoked;
  }

  /** Tells transports (the gateway) that sessions ended in a write made elsewhere, e.g. account erasure. */
  async announceRevokedAll(userId: string, exceptSessionId?: string): Promise<void> {
    await this.deps.events.publish(userTopic(userId), {
      type: "SESSIONS_REVOKED",
      data: {
        user_id: userId,
        session_ids: "all",
        ...(exceptSessionId ? { except_session_id: exceptSessionId } : {}),
      },
    });
  }

  private present(row: SessionRow, currentSessionId: string): Session {
    return {
      id: row.id,
      device_name: row.device_name,
      created_at: new Date(row.created_at).toISOString(),
      last_used_at: new Date(row.last_used_at).toISOString(),
      // Hidden as soon as the operator turns recording off, even for addresses stored before.
      ip: this.deps.settings.recordIp ? row.ip : null,
      current: row.id === currentSessionId,
    };
  }

  private ipToStore(client: ClientInfo): string | null {
    return this.deps.settings.recordIp ? client.ip : null;
  }

  private expiresAt(now: number): number {
    return now + this.deps.settings.refreshTokenTtlDays * DAY_MS;
  }

  private tokenPair(access_token: string, refresh_token: string): TokenPair {
    return { access_token, refresh_token, token_type: "Bearer", expires_in: this.deps.accessTokens.ttlSeconds };
  }
}

/** A short label like "Firefox on Linux" from a User-Agent header; never stores the header itself. */
export function describeDevice(userAgent: string | undefined): string | null {
  if (!userAgent) return null;
  const browser = /Edg\//.test(userAgent)
    ? "Edge"
    : /Firefox\//.test(userAgent)
      ? "Firefox"
      : /Chrome\//.test(userAgent)
        ? "Chrome"
        : /Safari\//.test(userAgent)
          ? "Safari"
          : /curl\//.test(userAgent)
            ? "curl"
            : null;
  const os = /Android/.test(userAgent)
    ? "Android"
    : /iPhone|iPad/.test(userAgent)
      ? "iOS"
      : /Windows/.test(userAgent)
        ? "Windows"
        : /Mac OS X/.test(userAgent)
          ? "macOS"
          : /Linux/.test(userAgent)
            ? "Linux"
            : null;
  if (browser && os) return `${browser} on ${os}`;
  return browser ?? os ?? userAgent.slice(0, 64);
}
