/** Constructs every domain service with exactly the dependencies it uses. */
import { AccessService } from "../access/access.service.js";
import type { EventPublisher } from "../bus/bus.js";
import type { Config } from "../config/config.js";
import type { SnowflakeGenerator } from "../ids/snowflake.js";
import type { Mailer } from "../mail/mailer.js";
import type { PresenceStore } from "../presence/presence-store.js";
import type { Db, OpenedDatabase } from "../storage/database.js";
import { AccessRepository } from "../storage/repositories/access.repository.js";
import { PasswordResetRepository } from "../storage/repositories/password-reset.repository.js";
import { RecoveryCodeRepository } from "../storage/repositories/recovery-code.repository.js";
import { SessionRepository } from "../storage/repositories/session.repository.js";
import { UserRepository } from "../storage/repositories/user.repository.js";
import { Store } from "../storage/store.js";
import { AuditLogService } from "./audit/audit-log.service.js";
import { AccessTokens } from "./auth/access-tokens.js";
import { AuthService } from "./auth/auth.service.js";
import { IdentityVerifier } from "./auth/identity-verifier.js";
import { PasswordService } from "./auth/password.service.js";
import { PasswordHasher } from "./auth/password-hasher.js";
import { SessionService } from "./auth/session.service.js";
import { TotpVerifier } from "./auth/totp.js";
import { TwoFactorService } from "./auth/two-factor.service.js";
import { ChannelService } from "./channels/channel.service.js";
import { OverwriteService } from "./channels/overwrite.service.js";
import { CommunityEvents } from "./community-events.js";
import { GuildService } from "./guilds/guild.service.js";
import { InviteService } from "./invites/invite.service.js";
import { presenceOnlineCounter } from "./invites/online-counter.js";
import { BanService } from "./members/ban.service.js";
import { GuildSnapshots } from "./members/guild-snapshots.js";
import { MemberService } from "./members/member.service.js";
import { MembershipService } from "./members/membership.service.js";
import { TimeoutExpiry } from "./members/timeout-expiry.js";
import { createMessagingServices, type MessagingServices } from "./messaging-services.js";
import { PresenceService } from "./presence/presence.service.js";
import { RoleService } from "./roles/role.service.js";
import { TypingService } from "./typing/typing.service.js";
import { UserService } from "./users/user.service.js";

/** How often each node looks for timeouts set on other nodes that have ended. */
const TIMEOUT_POLL_INTERVAL_MS = 10_000;

export interface Services {
  auth: AuthService;
  sessions: SessionService;
  passwords: PasswordService;
  twoFactor: TwoFactorService;
  users: UserService;
  /** The authorization choke point, shared with the gateway and messaging. */
  access: AccessService;
  guilds: GuildService;
  membership: MembershipService;
  channels: ChannelService;
  overwrites: OverwriteService;
  roles: RoleService;
  members: MemberService;
  /** Background: announces member timeouts as they end (started and stopped with the server). */
  timeoutExpiry: TimeoutExpiry;
  bans: BanService;
  presence: PresenceService;
  invites: InviteService;
  auditLog: AuditLogService;
  typing: TypingService;
}

export interface Services extends MessagingServices {}

export interface ServiceDeps {
  config: Config;
  db: Db;
  dialect: OpenedDatabase["dialect"];
  ids: SnowflakeGenerator;
  events: EventPublisher;
  presenceStore: PresenceStore;
  /** Null when the server sends no email (smtp.url empty). */
  mailer: Mailer | null;
  now?: () => number;
  /** Where background work (timeout expiry) reports failures; it has no request to fail. */
  onBackgroundError?: (error: unknown) => void;
}

/** The address users reach the server at, for links in email. */
export const publicUrl = (config: Config) =>
  config.server.publicUrl.replace(/\/+$/, "") || `http://localhost:${config.server.port}`;

export function createServices({
  config,
  db,
  dialect,
  ids,
  events,
  presenceStore,
  mailer,
  now = Date.now,
  onBackgroundError,
}: ServiceDeps): Services {
  const users = new UserRepository(db);
  const recoveryCodes = new RecoveryCodeRepository(db);
  const hasher = new PasswordHasher({
    memoryKib: config.auth.argon2MemoryKib,
    timeCost: config.auth.argon2TimeCost,
    parallelism: config.auth.argon2Parallelism,
  });
  const totp = new TotpVerifier("Nexus");
  const identity = new IdentityVerifier({ users, recoveryCodes, hasher, totp, now });
  const sessions = new SessionService({
    sessions: new SessionRepository(db),
    accessTokens: new AccessTokens(config.secrets.tokenSigningKey, config.auth.accessTokenTtlSeconds),
    ids,
    events,
    settings: config.auth,
    now,
  });
  const communities = createCommunityServices({ db, ids, events, presenceStore, onBackgroundError });
  const userService = new UserService({ users, identity, sessions, events, now });
  const presence = new PresenceService({
    store: presenceStore,
    events,
    guildIdsOf: async (userId) => (await communities.guilds.listMine(userId)).map((guild) => guild.id),
  });
  return {
    auth: new AuthService({ users, recoveryCodes, sessions, identity, hasher, ids, settings: config.auth, now }),
    sessions,
    passwords: new PasswordService({
      users,
      recoveryCodes,
      resets: new PasswordResetRepository(db),
      sessions,
      identity,
      hasher,
      mailer,
      publicUrl: publicUrl(config),
      now,
    }),
    twoFactor: new TwoFactorService({ users, recoveryCodes, identity, totp, events, now }),
    users: userService,
    ...communities,
    presence,
    typing: new TypingService({ access: communities.access, events }),
    ...createMessagingServices({
      db,
      dialect,
      ids,
      events,
      access: communities.access,
      users,
      userService,
      onBackgroundError: onBackgroundError ?? (() => {}),
    }),
  };
}

function createCommunityServices({
  db,
  ids,
  events: bus,
  presenceStore,
  onBackgroundError = () => {},
}: Pick<ServiceDeps, "db" | "ids" | "events" | "presenceStore" | "onBackgroundError">) {
  const now = Date.now;
  const store = new Store(db);
  const access = new AccessService(new AccessRepository(db), { now });
  const events = new CommunityEvents(bus);
  const snapshots = new GuildSnapshots(store);
  const membership = new MembershipService({ store, access, events, snapshots, now });
  const channels = new ChannelService({ store, access, events, ids, now });
  const timeoutExpiry = new TimeoutExpiry({
    store,
    access,
    events,
    now,
    pollIntervalMs: TIMEOUT_POLL_INTERVAL_MS,
    onError: onBackgroundError,
  });
  return {
    access,
    membership,
    guilds: new GuildService({ store, access, events, snapshots, membership, ids, now }),
    channels,
    overwrites: new OverwriteService({ store, access, events, channels, ids, now }),
    roles: new RoleService({ store, access, events, channels, ids, now }),
    members: new MemberService({ store, access, events, membership, timeoutExpiry, ids, now }),
    timeoutExpiry,
    bans: new BanService({ store, access, events, membership, ids, now }),
    invites: new InviteService({
      store,
      access,
      events,
      membership,
      ids,
      now,
      onlineCounter: presenceOnlineCounter(store.repos.members, presenceStore),
    }),
    auditLog: new AuditLogService(access, store.repos.auditLog),
  };
}
