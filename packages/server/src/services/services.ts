/** Constructs every domain service with exactly the dependencies it uses. */
import type { EventPublisher } from "../bus/bus.js";
import type { Config } from "../config/config.js";
import type { SnowflakeGenerator } from "../ids/snowflake.js";
import type { Db } from "../storage/database.js";
import { RecoveryCodeRepository } from "../storage/repositories/recovery-code.repository.js";
import { SessionRepository } from "../storage/repositories/session.repository.js";
import { UserRepository } from "../storage/repositories/user.repository.js";
import { AccessTokens } from "./auth/access-tokens.js";
import { AuthService } from "./auth/auth.service.js";
import { PasswordHasher } from "./auth/password-hasher.js";
import { TotpVerifier } from "./auth/totp.js";
import { UserService } from "./users/user.service.js";

export interface Services {
  auth: AuthService;
  users: UserService;
}

export interface ServiceDeps {
  config: Config;
  db: Db;
  ids: SnowflakeGenerator;
  events: EventPublisher;
}

export function createServices({ config, db, ids, events }: ServiceDeps): Services {
  const users = new UserRepository(db);
  const auth = new AuthService({
    users,
    sessions: new SessionRepository(db),
    recoveryCodes: new RecoveryCodeRepository(db),
    hasher: new PasswordHasher({
      memoryKib: config.auth.argon2MemoryKib,
      timeCost: config.auth.argon2TimeCost,
      parallelism: config.auth.argon2Parallelism,
    }),
    accessTokens: new AccessTokens(config.secrets.tokenSigningKey, config.auth.accessTokenTtlSeconds),
    totp: new TotpVerifier("Nexus"),
    ids,
    events,
    settings: config.auth,
  });
  return { auth, users: new UserService(users, events) };
}
