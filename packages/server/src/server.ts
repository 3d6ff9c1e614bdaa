/** The composition root: opens storage, builds services and transports, and starts or stops them as one. */
import { randomBytes } from "node:crypto";
import type { FastifyInstance } from "fastify";
import type { Logger } from "pino";
import type { BlobStore } from "./blobs/blob-store.js";
import { createBlobStore } from "./blobs/create-blob-store.js";
import type { Bus } from "./bus/bus.js";
import { openBus } from "./bus/open-bus.js";
import type { Config } from "./config/config.js";
import { SnowflakeGenerator } from "./ids/snowflake.js";
import { createLogger } from "./logger.js";
import type { Mailer } from "./mail/mailer.js";
import type { AddressPolicy } from "./net/address-policy.js";
import { createSafeFetcher, nexusUserAgent, type Resolver } from "./net/safe-fetch.js";
import { MemoryPresenceStore } from "./presence/memory-presence-store.js";
import type { PresenceStore } from "./presence/presence-store.js";
import { createServices, publicUrl, type Services } from "./services/services.js";
import { type OpenedDatabase, openDatabase } from "./storage/database.js";
import { migrateToLatest } from "./storage/migrations/index.js";
import { communityDirectory } from "./transports/gateway/community-directory.js";
import { Gateway } from "./transports/gateway/gateway.js";
import { serveGateway } from "./transports/gateway/gateway-server.js";
import { messagingDirectory } from "./transports/gateway/messaging-directory.js";
import { buildApp } from "./transports/http/app.js";
import { nexusVersion } from "./version.js";

export interface NexusServer {
  app: FastifyInstance;
  services: Services;
  database: OpenedDatabase;
  bus: Bus;
  gateway: Gateway;
  /** Uploaded files (local disk or S3, per storage.driver). */
  blobs: BlobStore;
  logger: Logger;
  /** Listens on the configured host and port; resolves to the bound address. */
  listen(): Promise<{ host: string; port: number }>;
  /** Stops accepting, lets in-flight requests finish (up to the shutdown timeout), then closes storage. */
  close(): Promise<void>;
}

/**
 * Hooks only code can set (tests), never a setting: a config file or environment variable cannot open the outbound
 * fetcher to the server's own network.
 */
export interface NexusServerHooks {
  /** Addresses and DNS the SSRF-safe fetcher uses, e.g. policyAllowing(["127.0.0.1/32"]) for a test site. */
  outbound?: { policy?: AddressPolicy; resolve?: Resolver };
  /** Wraps the configured blob store, e.g. to hold a put or a delete at a chosen moment in a race test. */
  blobs?: (store: BlobStore) => BlobStore;
}

export async function createNexusServer(
  config: Config,
  logger: Logger = createLogger(config.log.level),
  hooks: NexusServerHooks = {},
): Promise<NexusServer> {
  const database = openDatabase(config, (error) =>
    logger.warn({ err: error }, "lost an idle database connection; the pool will open a new one"),
  );
  try {
    await migrateToLatest(database.db);
  } catch (error) {
    await database.close();
    throw error;
  }
  const bus: Bus = await openBus(config, logger);
  /** This process among the deployment's nodes. */
  const node = randomBytes(8).toString("hex");
  // Redis and SMTP modules are imported only when configured: a lite server's cold start never loads them.
  const presenceStore: PresenceStore = config.redis.url
    ? new (await import("./presence/redis-presence-store.js")).RedisPresenceStore({
        ...config.redis,
        node,
        nodeTtlMs: config.presence.nodeTtlMs,
        logger: logger.child({ component: "presence" }),
      })
    : new MemoryPresenceStore();
  const configuredBlobs = await createBlobStore(config);
  const blobs = hooks.blobs ? hooks.blobs(configuredBlobs) : configuredBlobs;
  const mailer: Mailer | null = config.smtp.url
    ? new (await import("./mail/smtp-mailer.js")).SmtpMailer(config.smtp.url, config.smtp.from, logger)
    : null;
  const services = createServices({
    config,
    db: database.db,
    dialect: database.dialect,
    ids: new SnowflakeGenerator(),
    events: bus,
    presenceStore,
    blobs,
    fetcher: createSafeFetcher({
      userAgent: nexusUserAgent(nexusVersion(), publicUrl(config)),
      ...hooks.outbound,
    }),
    mailer,
    onBackgroundError: (error) => logger.error({ err: error }, "background task failed"),
  });
  const app = await buildApp({ config, logger, services, ready: database.ping });
  // Scale-out: gateway sessions any node can take over. Resumable for the window, plus slack for the last checkpoint.
  const sharedSessions = config.redis.url
    ? new (await import("./transports/gateway/redis-shared-sessions.js")).RedisSharedSessions({
        ...config.redis,
        node,
        ttlMs: config.gateway.resumeWindowMs + 60_000,
        logger: logger.child({ component: "gateway-sessions" }),
      })
    : undefined;
  const gateway = new Gateway({
    bus,
    auth: services.sessions,
    users: services.users,
    presence: services.presence,
    directory: communityDirectory(services),
    messaging: messagingDirectory(services),
    replayLimits: { maxEvents: config.gateway.replayBufferEvents, maxAgeMs: config.gateway.resumeWindowMs },
    shared: sharedSessions,
    resumeWindowMs: config.gateway.resumeWindowMs,
    logger,
  });
  const gatewayServer = serveGateway(app.server, gateway, config.gateway);
  let closing: Promise<void> | undefined;

  return {
    app,
    services,
    database,
    bus,
    gateway,
    blobs,
    logger,
    async listen() {
      await app.listen({ host: config.server.host, port: config.server.port });
      services.timeoutExpiry.start();
      services.messagingSweeper.start();
      services.linkPreviews.start();
      services.presenceHeartbeat.start();
      services.searchIndexer?.start();
      const address = app.server.address();
      if (!address || typeof address === "string") throw new Error("server did not bind a TCP address");
      return { host: config.server.host, port: address.port };
    },
    close() {
      closing ??= (async () => {
        const timer = setTimeout(() => app.server.closeAllConnections(), config.server.shutdownTimeoutMs);
        try {
          await gatewayServer.close();
          await app.close();
        } finally {
          await services.timeoutExpiry.stop();
          await services.messagingSweeper.stop();
          await services.linkPreviews.stop();
          await services.searchIndexer?.stop();
          await services.presenceHeartbeat.stop();
          await presenceStore.close();
          clearTimeout(timer);
          await mailer?.close();
          await sharedSessions?.close();
          await bus.close();
          await blobs.close();
          await database.close();
        }
      })();
      return closing;
    },
  };
}
