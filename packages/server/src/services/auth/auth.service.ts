/** Accounts: register, log in and log out. */
import type { LoginSchema, RegisterSchema } from "@nexus/protocol";
import type { z } from "zod";
import { DomainError } from "../../errors.js";
import type { SnowflakeGenerator } from "../../ids/snowflake.js";
import type { RecoveryCodeRepository } from "../../storage/repositories/recovery-code.repository.js";
import type { UserRepository } from "../../storage/repositories/user.repository.js";
import { toCurrentUser } from "../users/user-presenter.js";
import type { AccessClaims } from "./access-tokens.js";
import type { IdentityVerifier } from "./identity-verifier.js";
import type { PasswordHasher } from "./password-hasher.js";
import { assertAcceptablePassword } from "./password-policy.js";
import { issueRecoveryCodes } from "./recovery-codes.js";
import type { ClientInfo, SessionService } from "./session.service.js";

export interface AuthServiceDeps {
  users: UserRepository;
  recoveryCodes: RecoveryCodeRepository;
  sessions: SessionService;
  identity: IdentityVerifier;
  hasher: PasswordHasher;
  ids: SnowflakeGenerator;
  settings: { registrationOpen: boolean };
  now: () => number;
}

export const usernameKey = (username: string) => username.toLowerCase();

/** Erased accounts are renamed deleted_user_<id>; nobody may register a name that could be mistaken for one. */
export const TOMBSTONE_PREFIX = "deleted_user_";

const invalidCredentials = () => new DomainError("INVALID_CREDENTIALS", "The username or password is incorrect.");
const usernameTaken = () =>
  new DomainError("USERNAME_TAKEN", "That username is taken.", { fields: { username: "is taken" } });

export class AuthService {
  constructor(private readonly deps: AuthServiceDeps) {}

  async register(input: z.infer<typeof RegisterSchema>, client: ClientInfo) {
    if (!this.deps.settings.registrationOpen) {
      throw new DomainError("FORBIDDEN", "Registration is closed on this server.");
    }
    const key = usernameKey(input.username);
    if (key.startsWith(TOMBSTONE_PREFIX)) throw usernameTaken();
    assertAcceptablePassword(input.password, input.username);
    if (await this.deps.users.usernameKeyTaken(key)) throw usernameTaken();
    const id = this.deps.ids.next();
    const passwordHash = await this.deps.hasher.hash(input.password);
    try {
      await this.deps.users.insert({
        id,
        username: input.username,
        username_key: key,
        password_hash: passwordHash,
        email: input.email ?? null,
        created_at: this.deps.now(),
      });
    } catch (error) {
      // Two registrations raced for the same name: the unique index decided.
      if (await this.deps.users.usernameKeyTaken(key)) throw usernameTaken();
      throw error;
    }
    const recovery_codes = await issueRecoveryCodes(this.deps.recoveryCodes, id);
    const user = await this.deps.identity.requireUser(id);
    const tokens = await this.deps.sessions.start(id, input.device_name, client);
    return { ...tokens, user: toCurrentUser(user), recovery_codes };
  }

  /** Unknown users cost the same argon2 work as wrong passwords, so neither answer nor timing tells them apart. */
  async login(input: z.infer<typeof LoginSchema>, client: ClientInfo) {
    const user = await this.deps.users.findByUsernameKey(usernameKey(input.username));
    if (!user) {
      await this.deps.hasher.verifyDecoy(input.password);
      throw invalidCredentials();
    }
    if (!(await this.deps.hasher.verify(user.password_hash, input.password))) throw invalidCredentials();
    if (user.totp_enabled === 1) await this.deps.identity.passSecondFactor(user, input.totp_code);
    const tokens = await this.deps.sessions.start(user.id, input.device_name, client);
    return { ...tokens, user: toCurrentUser(user) };
  }

  async logout(actor: AccessClaims): Promise<void> {
    await this.deps.sessions.revoke(actor.userId, actor.sessionId);
  }
}
