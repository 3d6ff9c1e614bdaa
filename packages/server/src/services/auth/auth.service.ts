/** Accounts and sessions: register, log in, rotate refresh tokens with reuse detection, log out, authenticate. */

import type { LoginSchema, RegisterSchema } from "@nexus/protocol";
import type { z } from "zod";
import type { EventPublisher } from "../../bus/bus.js";
import { DomainError } from "../../errors.js";
import { userTopic } from "../../events/domain-events.js";
import type { SnowflakeGenerator } from "../../ids/snowflake.js";
import type { RecoveryCodeRepository } from "../../storage/repositories/recovery-code.repository.js";
import type { SessionRepository } from "../../storage/repositories/session.repository.js";
import type { UserRepository, UserRow } from "../../storage/repositories/user.repository.js";
import { toCurrentUser } from "../users/user-presenter.js";
import type { AccessClaims, AccessTokens } from "./access-tokens.js";
import { isCommonPassword } from "./common-passwords.js";
import type { PasswordHasher } from "./password-hasher.js";
import { hashToken, newOpaqueToken, newRecoveryCode, normalizeRecoveryCode } from "./secrets.js";
import type { TotpVerifier } from "./totp.js";

export interface ClientInfo {
  ip: string;
  userAgent: string | undefined;
}

export interface AuthServiceDeps {
  users: UserRepository;
  sessions: SessionRepository;
  recoveryCodes: RecoveryCodeRepository;
  hasher: PasswordHasher;
  accessTokens: AccessTokens;
  totp: TotpVerifier;
  ids: SnowflakeGenerator;
  events: EventPublisher;
  settings: { registrationOpen: boolean; refreshTokenTtlDays: number; recordIp: boolean };
  now?: () => number;
}

export const RECOVERY_CODE_COUNT = 10;
const DAY_MS = 86_400_000;

export const usernameKey = (username: string) => username.toLowerCase();

const invalidCredentials = () => new DomainError("INVALID_CREDENTIALS", "The username or password is incorrect.");

export class AuthService {
  private readonly now: () => number;

  constructor(private readonly deps: AuthServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  async register(input: z.infer<typeof RegisterSchema>, client: ClientInfo) {
    if (!this.deps.settings.registrationOpen) {
      throw new DomainError("FORBIDDEN", "Registration is closed on this server.");
    }
    this.assertAcceptablePassword(input.password, input.username);
    const key = usernameKey(input.username);
    if (await this.deps.users.usernameKeyTaken(key)) {
      throw new DomainError("USERNAME_TAKEN", "That username is taken.", { fields: { username: "is taken" } });
    }
    const id = this.deps.ids.next();
    const passwordHash = await this.deps.hasher.hash(input.password);
    try {
      await this.deps.users.insert({
        id,
        username: input.username,
        username_key: key,
        password_hash: passwordHash,
        email: input.email ?? null,
        created_at: this.now(),
      });
    } catch (error) {
      // Two registrations raced for the same name: the unique index decided.
      if (await this.deps.users.usernameKeyTaken(key)) {
        throw new DomainError("USERNAME_TAKEN", "That username is taken.", { fields: { username: "is taken" } });
      }
      throw error;
    }
    const recovery_codes = await this.issueRecoveryCodes(id);
    const user = await this.requireUser(id);
    const tokens = await this.startSession(user.id, input.device_name, client);
    return { ...tokens, user: toCurrentUser(user), recovery_codes };
  }

  async login(input: z.infer<typeof LoginSchema>, client: ClientInfo) {
    const user = await this.deps.users.findByUsernameKey(usernameKey(input.username));
    if (!user) {
      await this.deps.hasher.verifyDecoy(input.password);
      throw invalidCredentials();
    }
    if (!(await this.deps.hasher.verify(user.password_hash, input.password))) throw invalidCredentials();
    if (user.totp_enabled === 1) await this.passSecondFactor(user, input.totp_code);
    const tokens = await this.startSession(user.id, input.device_name, client);
    return { ...tokens, user: toCurrentUser(user) };
  }

  async refresh(refreshToken: string, client: ClientInfo) {
    const next = newOpaqueToken();
    const now = this.now();
    const result = await this.deps.sessions.rotate(hashToken(refreshToken), hashToken(next), now, {
      expiresAt: now + this.deps.settings.refreshTokenTtlDays * DAY_MS,
      ip: this.deps.settings.recordIp ? client.ip : null,
    });
    if (result.state === "reused") {
      // A spent token came back: someone holds a copy. End the session for everyone holding it.
      const stolen = await this.deps.sessions.findById(result.sessionId);
      await this.deps.sessions.delete(result.sessionId);
      if (stolen) await this.publishRevoked(stolen.user_id, [stolen.id]);
      throw new DomainError("INVALID_TOKEN", "This refresh token was already used; the session has been signed out.");
    }
    if (result.state === "unknown") throw new DomainError("INVALID_TOKEN", "The refresh token is not valid.");
    const access_token = await this.deps.accessTokens.sign({
      userId: result.session.user_id,
      sessionId: result.session.id,
    });
    return this.tokenPair(access_token, next);
  }

  async logout(claims: AccessClaims): Promise<void> {
    await this.deps.sessions.delete(claims.sessionId);
    await this.publishRevoked(claims.userId, [claims.sessionId]);
  }

  /** Sets a new random password for a user and signs out all of their sessions (operator command). */
  async adminResetPassword(username: string): Promise<string> {
    const user = await this.deps.users.findByUsernameKey(usernameKey(username));
    if (!user) throw new DomainError("UNKNOWN_USER", `No user is named "${username}".`);
    const password = newOpaqueToken().slice(0, 24);
    await this.deps.users.update(user.id, { password_hash: await this.deps.hasher.hash(password) });
    await this.deps.sessions.deleteForUser(user.id);
    await this.publishRevoked(user.id, "all");
    return password;
  }

  /** Verifies an access token and that its session still exists (so revocation takes effect at once). */
  async authenticate(accessToken: string): Promise<AccessClaims> {
    const claims = await this.deps.accessTokens.verify(accessToken);
    const session = await this.deps.sessions.findById(claims.sessionId);
    if (!session || session.user_id !== claims.userId) {
      throw new DomainError("INVALID_TOKEN", "This session has been signed out.");
    }
    return claims;
  }

  assertAcceptablePassword(password: string, username: string): void {
    const lower = password.toLowerCase();
    if (isCommonPassword(password) || lower === username.toLowerCase()) {
      throw new DomainError("WEAK_PASSWORD", "That password is too common; choose another.", {
        fields: { password: "is too common" },
      });
    }
  }

  /** Passes two-factor with a current TOTP code or an unused recovery code. */
  async passSecondFactor(user: UserRow, code: string | undefined): Promise<void> {
    if (!code) throw new DomainError("TOTP_REQUIRED", "This account uses two-factor authentication: send totp_code.");
    if (/^[0-9]{6}$/.test(code.replace(/\s/g, ""))) {
      const step = user.totp_secret ? this.deps.totp.matchingStep(user.totp_secret, code.replace(/\s/g, "")) : null;
      if (step !== null && (await this.deps.users.claimTotpStep(user.id, step))) return;
      throw new DomainError("INVALID_TOTP_CODE", "That two-factor code is not valid.", {
        fields: { totp_code: "is not valid" },
      });
    }
    if (await this.deps.recoveryCodes.consume(user.id, hashToken(normalizeRecoveryCode(code)), this.now())) return;
    throw new DomainError("INVALID_TOTP_CODE", "That two-factor or recovery code is not valid.", {
      fields: { totp_code: "is not valid" },
    });
  }

  async issueRecoveryCodes(userId: string): Promise<string[]> {
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    await this.deps.recoveryCodes.replace(
      userId,
      codes.map((code) => hashToken(normalizeRecoveryCode(code))),
    );
    return codes;
  }

  private async startSession(userId: string, deviceName: string | undefined, client: ClientInfo) {
    const refresh = newOpaqueToken();
    const now = this.now();
    const sessionId = this.deps.ids.next();
    await this.deps.sessions.create(
      {
        id: sessionId,
        user_id: userId,
        device_name: deviceName ?? describeDevice(client.userAgent),
        ip: this.deps.settings.recordIp ? client.ip : null,
        created_at: now,
        last_used_at: now,
        expires_at: now + this.deps.settings.refreshTokenTtlDays * DAY_MS,
      },
      hashToken(refresh),
    );
    const access = await this.deps.accessTokens.sign({ userId, sessionId });
    return this.tokenPair(access, refresh);
  }

  /** Open gateway connections of these sessions close at once (their access tokens already stopped working). */
  private async publishRevoked(userId: string, sessionIds: string[] | "all"): Promise<void> {
    await this.deps.events.publish(userTopic(userId), {
      type: "SESSIONS_REVOKED",
      data: { user_id: userId, session_ids: sessionIds },
    });
  }

  private tokenPair(access_token: string, refresh_token: string) {
    return {
      access_token,
      refresh_token,
      token_type: "Bearer" as const,
      expires_in: this.deps.accessTokens.ttlSeconds,
    };
  }

  private async requireUser(id: string): Promise<UserRow> {
    const user = await this.deps.users.findById(id);
    if (!user) throw new DomainError("UNKNOWN_USER", "User was not found.");
    return user;
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
