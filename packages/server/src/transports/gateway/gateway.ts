/**
 * The gateway controller: identifies and resumes connections onto sessions, ends sessions (revocation, expiry,
 * clean close) and owns the fan-out from the bus. Transport plumbing (the WebSocket upgrade) is in
 * gateway-server.ts; the per-socket protocol is in gateway-connection.ts.
 */
import { randomBytes } from "node:crypto";
import {
  type CurrentUser,
  GATEWAY_INTENT_NAMES,
  GatewayCloseCodes,
  type InboundPayload,
  NON_RESUMABLE_CLOSE_CODES,
  type Ready,
} from "@nexus/protocol";
import type { Logger } from "pino";
import type { Bus } from "../../bus/bus.js";
import { DomainError } from "../../errors.js";
import type { DomainEvent } from "../../events/domain-events.js";
import type { AccessClaims } from "../../services/auth/access-tokens.js";
import type { PresenceService } from "../../services/presence/presence.service.js";
import type { CommunityDirectory } from "./community-directory.js";
import { DmFeeds } from "./dm-feeds.js";
import { Fanout } from "./fanout.js";
import { encodeDispatch } from "./frames.js";
import type { ConnectionController, GatewayConnection } from "./gateway-connection.js";
import { GatewaySession } from "./gateway-session.js";
import { GuildFeeds } from "./guild-feeds.js";
import type { MessagingDirectory } from "./messaging-directory.js";
import { ReadyBuilder } from "./ready-builder.js";
import type { ReplayBufferFactory } from "./replay-buffer.js";
import { SessionRegistry } from "./session-registry.js";
import { TopicSubscriptions } from "./topic-subscriptions.js";

export interface GatewayDeps {
  bus: Bus;
  auth: { authenticate(accessToken: string): Promise<AccessClaims> };
  users: { getCurrent(userId: string): Promise<CurrentUser> };
  presence: Pick<PresenceService, "sessionStarted" | "sessionEnded" | "update" | "visible">;
  directory: CommunityDirectory;
  messaging: MessagingDirectory;
  replayBuffers: ReplayBufferFactory;
  resumeWindowMs: number;
  logger: Logger;
}

const KNOWN_INTENTS: ReadonlySet<string> = new Set(GATEWAY_INTENT_NAMES);
/** Client close codes that mean "I am done", after which resuming makes no sense. */
const CLEAN_CLOSE = new Set([1000, 1001]);

export class Gateway implements ConnectionController {
  private readonly topics: TopicSubscriptions;
  private readonly registry: SessionRegistry;
  private readonly fanout: Fanout;
  private readonly feeds: GuildFeeds;
  private readonly dms: DmFeeds;
  private readonly ready: ReadyBuilder;
  private readonly connections = new Map<GatewaySession, GatewayConnection>();
  private readonly expiries = new Map<GatewaySession, NodeJS.Timeout>();

  constructor(private readonly deps: GatewayDeps) {
    this.topics = new TopicSubscriptions(deps.bus, (event, topic) => this.fanout.handle(event, topic));
    this.registry = new SessionRegistry(this.topics);
    this.feeds = new GuildFeeds({
      directory: deps.directory,
      topics: this.topics,
      sessionsOf: (userId) => this.registry.ofUser(userId),
      logger: deps.logger,
    });
    this.dms = new DmFeeds({ topics: this.topics, sessionsOf: (userId) => this.registry.ofUser(userId) });
    this.fanout = new Fanout(this.registry, this.feeds, this.dms, {
      revokeSessions: (event) => this.revokeSessions(event),
    });
    this.ready = new ReadyBuilder(deps);
  }

  get sessionCount(): number {
    return this.registry.size;
  }

  async identify(connection: GatewayConnection, d: InboundPayload<"identify">): Promise<void> {
    const intents = d.intents ? new Set(d.intents) : null;
    if (intents && [...intents].some((name) => !KNOWN_INTENTS.has(name))) {
      return connection.close(GatewayCloseCodes.INVALID_INTENTS, "Unknown intent");
    }
    const claims = await this.authenticate(connection, d.token);
    if (!claims || connection.state === "closed") return;

    const id = randomBytes(16).toString("base64url");
    const session = new GatewaySession(
      id,
      { userId: claims.userId, authSessionId: claims.sessionId },
      intents,
      this.deps.replayBuffers(id),
      connection,
    );
    // Subscribe before loading READY so nothing published meanwhile is lost; it is queued behind READY.
    this.registry.add(session);
    this.connections.set(session, connection);
    connection.bind(session);
    let ready: Ready | undefined;
    try {
      const snapshots = this.deps.directory.snapshotsFor(session.userId);
      // Awaited below; this only keeps a failure from surfacing as unhandled if guildIdsOf fails first.
      snapshots.catch(() => undefined);
      const [guildIds, dmChannels] = await Promise.all([
        this.deps.directory.guildIdsOf(session.userId),
        this.deps.messaging.dmChannels(session.userId),
      ]);
      if (session.state !== "closed") {
        this.feeds.trackUser(session.userId, guildIds, snapshots);
        this.dms.trackUser(
          session.userId,
          dmChannels.map((c) => c.id),
        );
      }
      ready = await this.ready.build(session.userId, session.id, snapshots, dmChannels, d.presence);
    } catch (error) {
      // A session that never sent READY cannot be resumed; do not leave it buffering.
      this.endSession(session);
      throw error;
    }
    if (!ready) return this.endSession(session, GatewayCloseCodes.AUTHENTICATION_FAILED, "Account not found");
    if (session.state === "closed") {
      // It ended while READY was loading, before presence counted it: uncount it now.
      await this.deps.presence.sessionEnded(session.userId, session.id);
      return;
    }
    session.start(encodeDispatch("READY", ready));
  }

  async resume(connection: GatewayConnection, d: InboundPayload<"resume">): Promise<void> {
    const claims = await this.authenticate(connection, d.token);
    if (!claims || connection.state === "closed") return;
    const session = this.registry.get(d.session_id);
    if (!session || session.userId !== claims.userId || session.state === "closed") {
      return this.invalidate(connection);
    }
    const previous = this.connections.get(session);
    if (previous) {
      // A half-open connection still holds the session; unhook it first so its close does not end the session.
      this.connections.delete(session);
      session.detach(previous, true);
      previous.close(1000, "Session resumed on another connection");
    }
    const outcome = session.resume(connection, d.seq);
    if (outcome === "invalid_seq")
      return connection.close(GatewayCloseCodes.INVALID_SEQ, "seq is ahead of the session");
    if (outcome === "gap") {
      this.endSession(session);
      return this.invalidate(connection);
    }
    this.clearExpiry(session);
    this.connections.set(session, connection);
    connection.bind(session);
    session.deliver(encodeDispatch("RESUMED", {}));
  }

  updatePresence(connection: GatewayConnection, d: InboundPayload<"presence_update">): void {
    const session = connection.session;
    if (!session) return;
    this.deps.presence.update(session.userId, d).catch((error: unknown) => this.failed(connection, error));
  }

  closed(connection: GatewayConnection, code: number): void {
    const session = connection.session;
    if (!session || this.connections.get(session) !== connection) return;
    this.connections.delete(session);
    const resumable = !CLEAN_CLOSE.has(code) && !NON_RESUMABLE_CLOSE_CODES.has(code) && this.deps.resumeWindowMs > 0;
    if (!resumable) {
      this.endSession(session);
      return;
    }
    session.detach(connection, true);
    this.expiries.set(session, setTimeout(() => this.endSession(session), this.deps.resumeWindowMs).unref());
  }

  /** Closes every connection (clients may resume elsewhere) and drops every session. */
  close(): void {
    for (const session of [...this.registry.all()]) this.endSession(session, 1001, "Server shutting down");
    this.topics.clear();
  }

  private revokeSessions({ data }: DomainEvent<"SESSIONS_REVOKED">): void {
    for (const session of [...this.registry.ofUser(data.user_id)]) {
      const authSession = session.identity.authSessionId;
      if (authSession === data.except_session_id) continue;
      if (data.session_ids !== "all" && !data.session_ids.includes(authSession)) continue;
      this.endSession(session, GatewayCloseCodes.AUTHENTICATION_FAILED, "Session revoked");
    }
  }

  failed(connection: GatewayConnection, error: unknown): void {
    this.deps.logger.error({ err: error }, "gateway connection failed");
    connection.close(GatewayCloseCodes.UNKNOWN_ERROR, "Unknown error");
  }

  private endSession(session: GatewaySession, code?: 1001 | 4004, reason = ""): void {
    this.clearExpiry(session);
    const connection = this.connections.get(session);
    this.connections.delete(session);
    if (session.state === "closed") return;
    session.end();
    if (this.registry.remove(session)) {
      this.feeds.untrackUser(session.userId);
      this.dms.untrackUser(session.userId);
    }
    if (code !== undefined) connection?.close(code, reason);
    this.deps.presence
      .sessionEnded(session.userId, session.id)
      .catch((error: unknown) => this.deps.logger.error({ err: error }, "presence update failed"));
  }

  private clearExpiry(session: GatewaySession): void {
    const timer = this.expiries.get(session);
    if (timer) clearTimeout(timer);
    this.expiries.delete(session);
  }

  private invalidate(connection: GatewayConnection): void {
    connection.unbindAuthentication();
    connection.sendControl("invalid_session", { resumable: false });
  }

  private async authenticate(connection: GatewayConnection, token: string): Promise<AccessClaims | null> {
    try {
      return await this.deps.auth.authenticate(token);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      connection.close(GatewayCloseCodes.AUTHENTICATION_FAILED, "Invalid or expired token");
      return null;
    }
  }
}
