/** Constructs every domain service with exactly the dependencies it uses. */
import { join } from "node:path";
import { AccessService } from "../access/access.service.js";
import type { BlobStore } from "../blobs/blob-store.js";
import type { EventPublisher } from "../bus/bus.js";
import type { Config } from "../config/config.js";
import type { SnowflakeGenerator } from "../ids/snowflake.js";
import type { Mailer } from "../mail/mailer.js";
import type { SafeFetcher } from "../net/safe-fetch.js";
import type { PresenceStore } from "../presence/presence-store.js";
import { createLinkPreviewer } from "../previews/link-preview.js";
import { MediaProxy } from "../previews/media-proxy.js";
import { MediaProxyUrls } from "../previews/media-proxy-urls.js";
import { TablePreviewCache } from "../previews/table-preview-cache.js";
import type { Db, OpenedDatabase } from "../storage/database.js";
import { AccessRepository } from "../storage/repositories/access.repository.js";
import { blobRefTransaction } from "../storage/repositories/blob-ref.repository.js";
import { GuildRepository } from "../storage/repositories/guild.repository.js";
import { LinkPreviewRepository } from "../storage/repositories/link-preview.repository.js";
import { PasswordResetRepository } from "../storage/repositories/password-reset.repository.js";
import { ProfileImageRepository } from "../storage/repositories/profile-image.repository.js";
import { RecoveryCodeRepository } from "../storage/repositories/recovery-code.repository.js";
import { RelationshipRepository } from "../storage/repositories/relationship.repository.js";
import { SessionRepository } from "../storage/repositories/session.repository.js";
import { UserRepository } from "../storage/repositories/user.repository.js";
import { Store } from "../storage/store.js";
import { BlobCollector } from "./attachments/blob-collector.js";
import { ClaimingBlobStore } from "./attachments/claiming-blob-store.js";
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
import { type EmojiImageStore, EmojiService } from "./emojis/emoji.service.js";
import { emojiImageStore } from "./emojis/emoji-images.js";
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
import { PresenceHeartbeat } from "./presence/presence-heartbeat.js";
import { ProfileImageService } from "./profile-images/profile-image.service.js";
import { ProfileImageJanitor } from "./profile-images/profile-image-janitor.js";
import { RoleService } from "./roles/role.service.js";
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
  /** Background: this node's presence heartbeat and the reaping of dead nodes (started and stopped with the server). */
  presenceHeartbeat: PresenceHeartbeat;
  invites: InviteService;
  auditLog: AuditLogService;
  emojis: EmojiService;
  /** Serves link-preview images from this server (signed URLs only). */
  mediaProxy: MediaProxy;
  /** Avatars, guild icons and banners. */
  profileImages: ProfileImageService;
}

export interface Services extends MessagingServices {}

export interface ServiceDeps {
  config: Config;
  db: Db;
  dialect: OpenedDatabase["dialect"];
  ids: SnowflakeGenerator;
  events: EventPublisher;
  presenceStore: PresenceStore;
  /** Uploaded files and images (local disk or S3). */
  blobs: BlobStore;
  /** Outbound HTTP (link previews, the media proxy): the SSRF-safe fetcher. */
  fetcher: SafeFetcher;
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
  blobs: storedBlobs,
  fetcher,
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
  const previewRepository = new LinkPreviewRepository(db);
  const proxyUrls = new MediaProxyUrls(config.secrets.tokenSigningKey);
  const previewer = createLinkPreviewer({ fetcher, cache: new TablePreviewCache(previewRepository, now) });
  // Uploads are staged here while they are inspected (attachments, avatars, icons).
  const stagingDir = join(config.dataDir, "tmp", "staging");
  const collector = new BlobCollector(blobRefTransaction(db), storedBlobs);
  // Every write claims its blob first, so a concurrent collection of the same bytes cannot delete it.
  const blobs = new ClaimingBlobStore(storedBlobs, collector);
  const emojiImages = emojiImageStore(blobs, join(config.dataDir, "tmp", "media"));
  const profileImages = new ProfileImageRepository(db);
  const imageJanitor = new ProfileImageJanitor(profileImages, collector);
  const communities = createCommunityServices({
    db,
    ids,
    events,
    presenceStore,
    emojiImages,
    imageJanitor,
    onBackgroundError,
  });
  const userService = new UserService({
    users,
    guilds: new GuildRepository(db),
    identity,
    sessions,
    images: imageJanitor,
    events,
    now,
  });
  const friendships = new RelationshipRepository(db);
  const presence = new PresenceService({
    store: presenceStore,
    events,
    guildIdsOf: async (userId) => (await communities.guilds.listMine(userId)).map((guild) => guild.id),
    friendIdsOf: (userId) => friendships.friendIdsOf(userId),
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
    presenceHeartbeat: new PresenceHeartbeat({
      store: presenceStore,
      presence,
      nodeTtlMs: config.presence.nodeTtlMs,
      onError: onBackgroundError ?? (() => {}),
    }),
    profileImages: new ProfileImageService({
      images: profileImages,
      janitor: imageJanitor,
      users,
      guilds: new GuildRepository(db),
      access: communities.access,
      blobs,
      bus: events,
      events: new CommunityEvents(events),
      tempDir: stagingDir,
      maxBytes: config.uploads.maxBytes,
    }),
    ...createMessagingServices({
      db,
      dialect,
      ids,
      events,
      access: communities.access,
      users,
      userService,
      blobs,
      collector,
      uploads: { maxBytes: config.uploads.maxBytes, tempDir: stagingDir },
      onBackgroundError: onBackgroundError ?? (() => {}),
      search: config.search,
      previews: { previewer, repository: previewRepository, proxyUrls },
      befriended: (a, b) => presence.introduce(a, b),
      unfriended: (a, b) => presence.part(a, b),
    }),
    mediaProxy: new MediaProxy({ fetcher, urls: proxyUrls, maxBytes: 8 * 1024 * 1024, timeoutMs: 10_000 }),
  };
}

function createCommunityServices({
  db,
  ids,
  events: bus,
  presenceStore,
  emojiImages,
  imageJanitor,
  onBackgroundError = () => {},
}: Pick<ServiceDeps, "db" | "ids" | "events" | "presenceStore" | "onBackgroundError"> & {
  emojiImages: EmojiImageStore;
  imageJanitor: ProfileImageJanitor;
}) {
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
    guilds: new GuildService({ store, access, events, snapshots, membership, images: imageJanitor, ids, now }),
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
    emojis: new EmojiService({ store, access, events, images: emojiImages, ids, now }),
  };
}
