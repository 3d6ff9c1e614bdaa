/** The composition root: opens storage, builds services and transports, and starts or stops them as one. */
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
import { SmtpMailer } from "./mail/smtp-mailer.js";
import { MemoryPresenceStore } from "./presence/memory-presence-store.js";
import { createServices, type Services } from "./services/services.js";
import { type OpenedDatabase, openDatabase } from "./storage/database.js";
import { migrateToLatest } from "./storage/migrations/index.js";
import { communityDirectory } from "./transports/gateway/community-directory.js";
import { Gateway } from "./transports/gateway/gateway.js";
import { serveGateway } from "./transports/gateway/gateway-server.js";
import { messagingDirectory } from "./transports/gateway/messaging-directory.js";
import { memoryReplayBuffers } from "./transports/gateway/replay-buffer.js";
import { buildApp } from "./transports/http/app.js";

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

export async function createNexusServer(
  config: Config,
  logger: Logger = createLogger(config.log.level),
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
  const bus: Bus = openBus(config.redis, logger);
  const blobs = await createBlobStore(config);
  const mailer: Mailer | null = config.smtp.url ? new SmtpMailer(config.smtp.url, config.smtp.from, logger) : null;
  const services = createServices({
    config,
    db: database.db,
    dialect: database.dialect,
    ids: new SnowflakeGenerator(),
    events: bus,
    presenceStore: new MemoryPresenceStore(),
    mailer,
    onBackgroundError: (error) => logger.error({ err: error }, "background task failed"),
  });
  const app = await buildApp({ config, logger, services, ready: database.ping });
  const gateway = new Gateway({
    bus,
    auth: services.sessions,
    users: services.users,
    presence: services.presence,
    directory: communityDirectory(services),
    messaging: messagingDirectory(services),
    replayBuffers: memoryReplayBuffers({
      maxEvents: config.gateway.replayBufferEvents,
      maxAgeMs: config.gateway.resumeWindowMs,
    }),
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
          clearTimeout(timer);
          await mailer?.close();
          await bus.close();
          await blobs.close();
          await database.close();
        }
      })();
      return closing;
    },
  };
}
