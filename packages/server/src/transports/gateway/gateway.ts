/**
 * The gateway controller: identifies and resumes connections onto sessions, ends sessions (revocation, expiry,
 * clean close) and owns the fan-out from the bus. Transport plumbing (the WebSocket upgrade) is in
 * gateway-server.ts; the per-socket protocol is in gateway-connection.ts. In scale-out, sessions are also kept in
 * a shared store so a client can resume on any node (adoption.ts).
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
import { type CatchUpDeps, catchUpFromLog } from "./catch-up.js";
import { startCheckpoints } from "./checkpoints.js";
import type { CommunityDirectory } from "./community-directory.js";
import { DmFeeds } from "./dm-feeds.js";
import { Fanout } from "./fanout.js";
import { encodeDispatch } from "./frames.js";
import type { ConnectionController, GatewayConnection } from "./gateway-connection.js";
import { GatewaySession, type SessionIdentity, type SessionOptions } from "./gateway-session.js";
import { GuildFeeds } from "./guild-feeds.js";
import type { MessagingDirectory } from "./messaging-directory.js";
import { ReadyBuilder } from "./ready-builder.js";
import { MemoryReplayBuffer, type ReplayLimits } from "./replay-buffer.js";
import { SessionRegistry } from "./session-registry.js";
import { missedAfter, type SharedSessions, type StoredReplayEntry } from "./shared-sessions.js";
import { TopicSubscriptions } from "./topic-subscriptions.js";

export interface GatewayDeps {
  bus: Bus;
  auth: { authenticate(accessToken: string): Promise<AccessClaims> };
  users: { getCurrent(userId: string): Promise<CurrentUser> };
  presence: Pick<PresenceService, "sessionStarted" | "sessionEnded" | "update" | "visible" | "friendPresences">;
  directory: CommunityDirectory;
  messaging: MessagingDirectory;
  replayLimits: ReplayLimits;
  /** Scale-out: sessions any node can take over when their client reconnects there. */
  shared?: SharedSessions;
  /** How often this node records, in the shared store, how far its sessions' buffers are complete. */
  checkpointIntervalMs?: number;
  resumeWindowMs: number;
  logger: Logger;
}

interface EndOptions {
  /** Another node carries on with the session (or may): leave its shared state and presence alone. */
  handOff?: boolean;
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
  private readonly checkpoints: NodeJS.Timeout | undefined;
  /** One for every session, rather than a closure per session. */
  private readonly sessionOptions: SessionOptions = { onMoved: (moved) => this.dropMoved(moved) };

  constructor(private readonly deps: GatewayDeps) {
    this.topics = new TopicSubscriptions(deps.bus, (event, topic, position) =>
      this.fanout.handle(event, topic, position),
    );
    this.registry = new SessionRegistry(this.topics);
    this.feeds = new GuildFeeds({
      directory: deps.directory,
      topics: this.topics,
      sessionsOf: (userId) => this.registry.ofUser(userId),
      presences: (userIds) => deps.presence.visible(userIds),
      logger: deps.logger,
    });
    this.dms = new DmFeeds({ topics: this.topics, sessionsOf: (userId) => this.registry.ofUser(userId) });
    this.fanout = new Fanout((userId) => this.registry.ofUser(userId), this.feeds, this.dms, {
      revokeSessions: (event) => this.revokeSessions(event),
    });
    this.ready = new ReadyBuilder(deps);
    if (deps.shared) {
      this.checkpoints = startCheckpoints({
        bus: deps.bus,
        shared: deps.shared,
        busy: () => this.feeds.busy(),
        sessionIds: () => [...this.registry.all()].map((session) => session.id),
        intervalMs: deps.checkpointIntervalMs ?? 2_000,
        logger: deps.logger,
      });
    }
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
    const session = this.newSession(
      id,
      { userId: claims.userId, authSessionId: claims.sessionId },
      intents,
      connection,
    );
    // Subscribe before loading READY so nothing published meanwhile is lost; it is queued behind READY.
    this.registry.add(session);
    this.connections.set(session, connection);
    connection.bind(session);
    let ready: Ready | undefined;
    try {
      const { snapshots, guildIds, dmChannels } = await this.loadFeeds(session.userId);
      if (session.state !== "closed") {
        this.feeds.trackUser(session.userId, guildIds, snapshots);
        this.dms.trackUser(
          session.userId,
          dmChannels.map((c) => c.id),
        );
        this.share(session, intents);
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
    let session = this.registry.get(d.session_id);
    const shared = this.deps.shared;
    if (session && shared && !(await shared.owns(session.id))) {
      this.dropMoved(session);
      session = undefined;
    }
    if (connection.isClosed()) return;
    if (!session && shared) return this.adopt(shared, connection, d, claims.userId);
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
    this.park(session);
  }

  /** Closes every connection (clients may resume elsewhere) and drops every session. */
  close(): void {
    clearInterval(this.checkpoints);
    const handOff = this.deps.shared !== undefined;
    for (const session of [...this.registry.all()]) this.endSession(session, 1001, "Server shutting down", { handOff });
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

  private endSession(
    session: GatewaySession,
    code?: 1001 | 4004,
    reason = "",
    { handOff = false }: EndOptions = {},
  ): void {
    this.clearExpiry(session);
    const connection = this.connections.get(session);
    this.connections.delete(session);
    if (session.state === "closed") return;
    session.end({ keepShared: handOff });
    if (this.registry.remove(session)) {
      this.feeds.untrackUser(session.userId);
      this.dms.untrackUser(session.userId);
    }
    if (code !== undefined) connection?.close(code, reason);
    if (handOff) return;
    this.deps.presence
      .sessionEnded(session.userId, session.id)
      .catch((error: unknown) => this.deps.logger.error({ err: error }, "presence update failed"));
  }

  /** What a user's feeds start from: their guilds (with READY snapshots on the way) and DM channels. */
  private async loadFeeds(userId: string) {
    const snapshots = this.deps.directory.snapshotsFor(userId);
    // Awaited later; this only keeps a failure from surfacing as unhandled if guildIdsOf fails first.
    snapshots.catch(() => undefined);
    const [guildIds, dmChannels] = await Promise.all([
      this.deps.directory.guildIdsOf(userId),
      this.deps.messaging.dmChannels(userId),
    ]);
    return { snapshots, guildIds, dmChannels };
  }

  private get catchUpDeps(): CatchUpDeps {
    return {
      bus: this.deps.bus,
      directory: this.deps.directory,
      presences: (userIds) => this.deps.presence.visible(userIds),
      logger: this.deps.logger,
      revokeSessions: (event) => this.revokeSessions(event),
    };
  }

  /** Keeps a detached session resumable for the resume window. */
  private park(session: GatewaySession): void {
    this.expiries.set(session, setTimeout(() => this.endSession(session), this.deps.resumeWindowMs).unref());
  }

  private newSession(
    id: string,
    identity: SessionIdentity,
    intents: ReadonlySet<string> | null,
    sink: GatewayConnection | null,
    seed?: readonly StoredReplayEntry[],
  ): GatewaySession {
    const { shared, replayLimits } = this.deps;
    const replay = shared ? shared.replayBuffer(id, replayLimits, seed) : new MemoryReplayBuffer(replayLimits);
    return new GatewaySession(id, identity, intents, replay, sink, this.sessionOptions);
  }

  /** Another node serves this session now: forget it here without telling anyone. */
  private dropMoved(session: GatewaySession): void {
    this.endSession(session, 1001, "Session moved to another node", { handOff: true });
  }

  /** Scale-out: records the session in the shared store once the log position it went live at is known. */
  private share(session: GatewaySession, intents: ReadonlySet<string> | null): void {
    const shared = this.deps.shared;
    if (!shared) return;
    const record = { ...session.identity, intents: intents ? [...intents] : null };
    this.deps.bus
      .flush()
      .then(() => this.deps.bus.checkpoint())
      .then((since) => (since && session.state !== "closed" ? shared.open(session.id, record, since) : undefined))
      .catch((error: unknown) => this.deps.logger.warn({ err: error }, "could not share a gateway session"));
  }

  /**
   * Scale-out: a client resumes a session this node does not have. Take it over from the shared store, replay
   * what its buffer holds, then catch up from the bus log on whatever happened while no node served it (or its
   * old node was still writing), and go live; see shared-sessions.ts for what the store keeps.
   */
  private async adopt(
    shared: SharedSessions,
    connection: GatewayConnection,
    d: InboundPayload<"resume">,
    userId: string,
  ): Promise<void> {
    const taken = await shared.takeOver(d.session_id, userId);
    if (!taken) return this.invalidate(connection);
    const identity = { userId, authSessionId: taken.authSessionId };
    const session = this.newSession(
      d.session_id,
      identity,
      taken.intents && new Set(taken.intents),
      null,
      taken.entries,
    );
    if (d.seq > taken.lastSeq) {
      session.end();
      return connection.close(GatewayCloseCodes.INVALID_SEQ, "seq is ahead of the session");
    }
    const missed = missedAfter(taken, d.seq);
    if (!missed || !taken.resumeFrom || connection.isClosed()) {
      session.end();
      return this.invalidate(connection);
    }
    this.registry.add(session);
    try {
      const { snapshots, guildIds, dmChannels } = await this.loadFeeds(userId);
      const dmChannelIds = dmChannels.map((c) => c.id);
      this.feeds.trackUser(userId, guildIds, snapshots);
      this.dms.trackUser(userId, dmChannelIds);
      // Subscribed before reading the log, so what the log read misses arrives live (and overlaps are dropped).
      await this.deps.bus.flush();
      const buffered = new Set(taken.entries.map((entry) => entry.position));
      const input = { userId, guildIds, snapshots, dmChannelIds };
      const caughtUp = await catchUpFromLog(this.catchUpDeps, input, taken.resumeFrom, buffered);
      if (!caughtUp) {
        this.endSession(session, undefined, "", { handOff: true });
        return this.invalidate(connection);
      }
      // Revoked in the meantime (a SESSIONS_REVOKED among the caught-up events).
      if (session.state === "closed") {
        return connection.close(GatewayCloseCodes.AUTHENTICATION_FAILED, "Session revoked");
      }
      const resumed = [...caughtUp.dispatches, encodeDispatch("RESUMED", {})];
      session.adopt(connection, taken.lastSeq, missed, resumed, caughtUp.cutoff);
      await shared.adopted(session.id, caughtUp.cutoff);
    } catch (error) {
      this.endSession(session, undefined, "", { handOff: true });
      throw error;
    }
    if (connection.isClosed()) {
      session.detach(connection, true);
      this.park(session);
    } else {
      this.connections.set(session, connection);
      connection.bind(session);
    }
    this.deps.presence
      .sessionStarted(userId, session.id)
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
