/**
 * One WebSocket connection: the hello → identified → closed state machine, timers, inbound limits and frame
 * decoding. What an identify, resume or presence update means is decided by the controller (the gateway); this
 * class only enforces the protocol around it.
 */

import type { Duplex } from "node:stream";
import {
  type GatewayCloseCode,
  GatewayCloseCodes,
  GatewayFrameSchema,
  INBOUND_OPS,
  INBOUND_PAYLOADS,
  type InboundOp,
  type InboundPayload,
} from "@nexus/protocol";
import { type RawData, WebSocket } from "ws";
import type { Flushable, FrameFlusher } from "./frame-flusher.js";
import { encodeControl, stampSequence } from "./frames.js";
import type { FrameSink, GatewaySession } from "./gateway-session.js";
import type { DispatchBatch } from "./ws-frames.js";

export type ConnectionState = "hello" | "authenticating" | "identified" | "closed";

export interface ConnectionController {
  identify(connection: GatewayConnection, d: InboundPayload<"identify">): Promise<void>;
  resume(connection: GatewayConnection, d: InboundPayload<"resume">): Promise<void>;
  updatePresence(connection: GatewayConnection, d: InboundPayload<"presence_update">): void;
  /** The connection is gone; `code` is the close code sent or received. */
  closed(connection: GatewayConnection, code: number): void;
  /** An identify or resume failed unexpectedly. */
  failed(connection: GatewayConnection, error: unknown): void;
}

export interface ConnectionSettings {
  heartbeatIntervalMs: number;
  identifyTimeoutMs: number;
  maxSendBufferBytes: number;
  framesPerWindow: number;
  frameWindowMs: number;
}

const TEXT = { binary: false } as const;
/** After closing a client that stopped reading, how long its close frame may wait behind the backlog. */
const SLOW_CLIENT_GRACE_MS = 5_000;
const isInboundOp = (op: string): op is InboundOp => (INBOUND_OPS as readonly string[]).includes(op);

/** The WebSocket and the TCP socket under it (dispatch frames are written straight to it, see ws-frames.ts). */
export interface ConnectionSockets {
  socket: WebSocket;
  raw: Duplex;
}

export class GatewayConnection implements FrameSink, Flushable {
  private stateValue: ConnectionState = "hello";
  private boundSession: GatewaySession | null = null;
  /** Dropped once cleared, so an identified connection does not keep the spent timer alive. */
  private identifyTimer: NodeJS.Timeout | undefined;
  private readonly heartbeatTimer: NodeJS.Timeout;
  private windowStart = 0;
  private framesInWindow = 0;
  /** Dispatches waiting for this turn's flush; null when none (most connections, most of the time). */
  private outbox: DispatchBatch | null = null;
  private readonly socket: WebSocket;
  private readonly raw: Duplex;
  /**
   * permessage-deflate was negotiated: `ws` must frame (and maybe compress) every message itself, in order, so
   * dispatches go through it one by one instead of being framed here.
   */
  private readonly deflate: boolean;

  constructor(
    sockets: ConnectionSockets,
    private readonly controller: ConnectionController,
    private readonly settings: ConnectionSettings,
    private readonly flusher: FrameFlusher,
    private readonly now: () => number = Date.now,
  ) {
    const { socket } = sockets;
    this.socket = socket;
    this.raw = sockets.raw;
    this.deflate = socket.extensions !== "";
    socket.on("message", (data, isBinary) => this.receive(data, isBinary));
    socket.on("close", (code) => this.finish(code));
    socket.on("error", () => this.finish(GatewayCloseCodes.UNKNOWN_ERROR));
    this.identifyTimer = this.startIdentifyTimer();
    this.heartbeatTimer = setTimeout(
      () => this.close(GatewayCloseCodes.SESSION_TIMED_OUT, "No heartbeat in time"),
      settings.heartbeatIntervalMs * 1.5,
    ).unref();
    this.sendControl("hello", { heartbeat_interval: settings.heartbeatIntervalMs });
  }

  get state(): ConnectionState {
    return this.stateValue;
  }

  /** The same as state === "closed", as a call, for checks after an await (which the compiler cannot narrow). */
  isClosed(): boolean {
    return this.stateValue === "closed";
  }

  get session(): GatewaySession | null {
    return this.boundSession;
  }

  /** Marks the connection identified and bound to `session`. */
  bind(session: GatewaySession): void {
    if (this.stateValue === "closed") return;
    this.stopIdentifyTimer();
    this.boundSession = session;
    this.stateValue = "identified";
  }

  /** Back to hello after a failed resume, so the client may identify on the same connection (in time again). */
  unbindAuthentication(): void {
    if (this.stateValue !== "authenticating") return;
    this.stateValue = "hello";
    this.identifyTimer = this.startIdentifyTimer();
  }

  /** Queues a dispatch; it is written with the rest of this turn's frames (see frame-flusher.ts). */
  sendDispatch(body: Buffer, seq: number): void {
    if (this.stateValue === "closed") return;
    if (this.outbox) {
      this.outbox.bodies.push(body);
      this.outbox.seqs.push(seq);
      return;
    }
    this.outbox = { bodies: [body], seqs: [seq] };
    this.flusher.schedule(this);
  }

  flush(): void {
    if (this.writeQueued() && this.socket.bufferedAmount > this.settings.maxSendBufferBytes) this.closeSlowClient();
  }

  /** Control frames go out at once, after any dispatches queued before them. */
  sendControl(op: "hello" | "heartbeat_ack" | "invalid_session", d?: unknown): void {
    if (this.stateValue === "closed") return;
    this.writeQueued();
    this.socket.send(encodeControl(op, d));
  }

  /** Dispatches queued before the close are written first. */
  close(code: GatewayCloseCode | 1000 | 1001, reason: string): void {
    if (this.stateValue === "closed") return;
    this.writeQueued();
    this.socket.close(code, reason);
    this.finish(code);
  }

  private startIdentifyTimer(): NodeJS.Timeout {
    return setTimeout(
      () => this.close(GatewayCloseCodes.NOT_AUTHENTICATED, "Identify or resume in time"),
      this.settings.identifyTimeoutMs,
    ).unref();
  }

  private stopIdentifyTimer(): void {
    clearTimeout(this.identifyTimer);
    this.identifyTimer = undefined;
  }

  /** Writes the queued dispatches in one socket write; false if there were none. */
  private writeQueued(): boolean {
    const batch = this.outbox;
    this.outbox = null;
    if (!batch || this.stateValue === "closed" || this.socket.readyState !== WebSocket.OPEN) return false;
    if (!this.deflate) {
      this.raw.write(this.flusher.encoder.encode(batch));
      return true;
    }
    this.raw.cork();
    for (let i = 0; i < batch.bodies.length; i++) {
      this.socket.send(stampSequence(batch.bodies[i] as Buffer, batch.seqs[i] as number), TEXT);
    }
    this.raw.uncork();
    return true;
  }

  private closeSlowClient(): void {
    this.close(GatewayCloseCodes.TOO_SLOW, "Send buffer overflow: read faster");
    setTimeout(() => this.socket.terminate(), SLOW_CLIENT_GRACE_MS).unref();
  }

  private finish(code: number): void {
    if (this.stateValue === "closed") return;
    this.stateValue = "closed";
    this.stopIdentifyTimer();
    clearTimeout(this.heartbeatTimer);
    this.controller.closed(this, code);
  }

  private withinRate(): boolean {
    const now = this.now();
    if (now - this.windowStart >= this.settings.frameWindowMs) {
      this.windowStart = now;
      this.framesInWindow = 0;
    }
    return ++this.framesInWindow <= this.settings.framesPerWindow;
  }

  private receive(data: RawData, isBinary: boolean): void {
    if (this.stateValue === "closed") return;
    if (!this.withinRate()) {
      this.close(GatewayCloseCodes.RATE_LIMITED, "Too many frames");
      return;
    }
    if (isBinary) {
      this.close(GatewayCloseCodes.DECODE_ERROR, "Send JSON text frames");
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(data.toString());
    } catch {
      this.close(GatewayCloseCodes.DECODE_ERROR, "Frame is not valid JSON");
      return;
    }
    const frame = GatewayFrameSchema.safeParse(json);
    if (!frame.success) {
      this.close(GatewayCloseCodes.DECODE_ERROR, "Frame must be an object with an op");
      return;
    }
    const { op, d } = frame.data;
    if (!isInboundOp(op)) {
      this.close(GatewayCloseCodes.UNKNOWN_OP, "Unknown op");
      return;
    }
    this.handle(op, d);
  }

  private handle(op: InboundOp, d: unknown): void {
    switch (op) {
      case "heartbeat": {
        if (!INBOUND_PAYLOADS.heartbeat.safeParse(d ?? null).success) {
          this.decodeError(op);
          return;
        }
        this.heartbeatTimer.refresh();
        this.sendControl("heartbeat_ack");
        return;
      }
      case "identify": {
        const payload = INBOUND_PAYLOADS.identify.safeParse(d);
        if (!payload.success) {
          this.decodeError(op);
          return;
        }
        if (!this.beginAuthentication()) return;
        this.run(this.controller.identify(this, payload.data));
        return;
      }
      case "resume": {
        const payload = INBOUND_PAYLOADS.resume.safeParse(d);
        if (!payload.success) {
          this.decodeError(op);
          return;
        }
        if (!this.beginAuthentication()) return;
        this.run(this.controller.resume(this, payload.data));
        return;
      }
      case "presence_update": {
        const payload = INBOUND_PAYLOADS.presence_update.safeParse(d);
        if (!payload.success) {
          this.decodeError(op);
          return;
        }
        if (this.stateValue !== "identified") {
          this.close(GatewayCloseCodes.NOT_AUTHENTICATED, "Identify before sending this");
          return;
        }
        this.controller.updatePresence(this, payload.data);
        return;
      }
    }
  }

  private beginAuthentication(): boolean {
    if (this.stateValue !== "hello") {
      this.close(GatewayCloseCodes.ALREADY_AUTHENTICATED, "Already identified");
      return false;
    }
    // The client identified in time; how long the server then takes (a storm of identifies) is not its fault.
    this.stopIdentifyTimer();
    this.stateValue = "authenticating";
    return true;
  }

  private decodeError(op: InboundOp): void {
    this.close(GatewayCloseCodes.DECODE_ERROR, `Invalid ${op} payload`);
  }

  private run(work: Promise<void>): void {
    work.catch((error: unknown) => this.controller.failed(this, error));
  }
}
