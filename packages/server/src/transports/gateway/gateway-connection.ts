/**
 * One WebSocket connection: the hello → identified → closed state machine, timers, inbound limits and frame
 * decoding. What an identify, resume or presence update means is decided by the controller (the gateway); this
 * class only enforces the protocol around it.
 */
import {
  type GatewayCloseCode,
  GatewayCloseCodes,
  GatewayFrameSchema,
  INBOUND_OPS,
  INBOUND_PAYLOADS,
  type InboundOp,
  type InboundPayload,
} from "@nexus/protocol";
import type { RawData, WebSocket } from "ws";
import { encodeControl } from "./frames.js";
import type { FrameSink, GatewaySession } from "./gateway-session.js";

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

export class GatewayConnection implements FrameSink {
  private stateValue: ConnectionState = "hello";
  private boundSession: GatewaySession | null = null;
  private readonly identifyTimer: NodeJS.Timeout;
  private readonly heartbeatTimer: NodeJS.Timeout;
  private windowStart = 0;
  private framesInWindow = 0;

  constructor(
    private readonly socket: WebSocket,
    private readonly controller: ConnectionController,
    private readonly settings: ConnectionSettings,
    private readonly now: () => number = Date.now,
  ) {
    socket.on("message", (data, isBinary) => this.receive(data, isBinary));
    socket.on("close", (code) => this.finish(code));
    socket.on("error", () => this.finish(GatewayCloseCodes.UNKNOWN_ERROR));
    this.identifyTimer = setTimeout(
      () => this.close(GatewayCloseCodes.NOT_AUTHENTICATED, "Identify or resume in time"),
      settings.identifyTimeoutMs,
    ).unref();
    this.heartbeatTimer = setTimeout(
      () => this.close(GatewayCloseCodes.SESSION_TIMED_OUT, "No heartbeat in time"),
      settings.heartbeatIntervalMs * 1.5,
    ).unref();
    this.sendControl("hello", { heartbeat_interval: settings.heartbeatIntervalMs });
  }

  get state(): ConnectionState {
    return this.stateValue;
  }

  get session(): GatewaySession | null {
    return this.boundSession;
  }

  /** Marks the connection identified and bound to `session`. */
  bind(session: GatewaySession): void {
    if (this.stateValue === "closed") return;
    clearTimeout(this.identifyTimer);
    this.boundSession = session;
    this.stateValue = "identified";
  }

  /** Back to hello after a failed resume, so the client may identify on the same connection. */
  unbindAuthentication(): void {
    if (this.stateValue === "authenticating") this.stateValue = "hello";
  }

  sendFrame(frame: Buffer): void {
    if (this.stateValue === "closed") return;
    this.socket.send(frame, TEXT);
    if (this.socket.bufferedAmount > this.settings.maxSendBufferBytes) this.closeSlowClient();
  }

  sendControl(op: "hello" | "heartbeat_ack" | "invalid_session", d?: unknown): void {
    if (this.stateValue === "closed") return;
    this.socket.send(encodeControl(op, d));
  }

  close(code: GatewayCloseCode | 1000 | 1001, reason: string): void {
    if (this.stateValue === "closed") return;
    this.socket.close(code, reason);
    this.finish(code);
  }

  private closeSlowClient(): void {
    this.close(GatewayCloseCodes.TOO_SLOW, "Send buffer overflow: read faster");
    setTimeout(() => this.socket.terminate(), SLOW_CLIENT_GRACE_MS).unref();
  }

  private finish(code: number): void {
    if (this.stateValue === "closed") return;
    this.stateValue = "closed";
    clearTimeout(this.identifyTimer);
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
