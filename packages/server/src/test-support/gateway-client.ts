/**
 * A minimal gateway client in the shape an SDK would have: connect, identify or resume, heartbeat on the server's
 * interval, track `s` and the session id, and hand out dispatches in order. Tests use it to drive real sockets.
 */
import { GatewayFrameSchema, type InboundOp, type Ready } from "@nexus/protocol";
import WebSocket from "ws";

export interface ReceivedFrame {
  op: string;
  d?: any;
  s?: number;
  t?: string;
}

export interface GatewayClientOptions {
  /** Send heartbeats on the server's interval (default true). */
  heartbeat?: boolean;
  /** Ask for permessage-deflate. */
  compress?: boolean;
  /** How long waits for a frame take before failing, unless a call says otherwise (default 3 s). */
  waitMs?: number;
}

export interface CloseInfo {
  code: number;
  reason: string;
}

const DEFAULT_WAIT_MS = 3_000;

export class GatewayClient {
  readonly socket: WebSocket;
  readonly closed: Promise<CloseInfo>;
  heartbeatInterval = 0;
  sessionId: string | undefined;
  /** The last `s` seen. */
  seq = 0;
  /** Protocol violations seen (sequence gaps or repeats); tests assert it stays empty. */
  readonly problems: string[] = [];
  private readonly frames: ReceivedFrame[] = [];
  private waiter: (() => void) | undefined;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private closeInfo: CloseInfo | undefined;
  private readonly waitMs: number;

  private constructor(url: string, options: GatewayClientOptions) {
    this.waitMs = options.waitMs ?? DEFAULT_WAIT_MS;
    this.socket = new WebSocket(url, { perMessageDeflate: options.compress ?? false });
    this.socket.on("message", (data) => this.receive(JSON.parse(data.toString())));
    this.closed = new Promise((resolve) => {
      this.socket.on("close", (code, reason) => {
        clearInterval(this.heartbeatTimer);
        this.closeInfo = { code, reason: reason.toString() };
        this.waiter?.();
        resolve(this.closeInfo);
      });
    });
    this.socket.on("error", () => {});
  }

  /** Opens a connection and waits for hello. */
  static async connect(baseUrl: string, options: GatewayClientOptions = {}): Promise<GatewayClient> {
    const client = new GatewayClient(`${baseUrl.replace(/^http/, "ws")}/gateway`, options);
    const hello = await client.next((f) => f.op === "hello");
    client.heartbeatInterval = hello.d.heartbeat_interval;
    if (options.heartbeat ?? true) {
      // Twice per interval, so a busy test machine delaying a timer never costs the connection.
      const every = hello.d.heartbeat_interval / 2;
      client.heartbeatTimer = setInterval(() => client.send("heartbeat", client.seq || null), every);
      client.heartbeatTimer.unref();
    }
    return client;
  }

  /** Identifies and resolves with READY's payload. */
  async identify(token: string, extra: { intents?: string[]; presence?: unknown } = {}): Promise<Ready> {
    this.send("identify", { token, properties: { os: "test", browser: "gateway-client" }, ...extra });
    const ready = await this.dispatch("READY");
    this.sessionId = ready.session_id;
    return ready;
  }

  /** Sends resume for a session seen on an earlier connection. */
  resume(token: string, sessionId: string, seq: number): void {
    this.sessionId = sessionId;
    this.seq = seq;
    this.send("resume", { token, session_id: sessionId, seq });
  }

  send(op: InboundOp, d?: unknown): void {
    this.sendRaw(JSON.stringify({ op, d }));
  }

  sendRaw(data: string | Buffer): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(data);
  }

  /** The next dispatch of `type` (skipping none: dispatches of other types before it are an error). */
  async dispatch(type: string, timeoutMs = this.waitMs): Promise<any> {
    const frame = await this.next((f) => f.op === "dispatch" || f.op === "invalid_session", timeoutMs);
    if (frame.t !== type)
      throw new Error(`expected ${type}, got ${frame.op} ${frame.t ?? ""}: ${JSON.stringify(frame.d)}`);
    return frame.d;
  }

  /** The next frame matching `match`; frames before it that do not match are dropped. */
  async next(match: (frame: ReceivedFrame) => boolean, timeoutMs = this.waitMs): Promise<ReceivedFrame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      while (this.frames.length > 0) {
        const frame = this.frames.shift() as ReceivedFrame;
        if (match(frame)) return frame;
      }
      if (this.closeInfo) throw new Error(`connection closed (${this.closeInfo.code} ${this.closeInfo.reason})`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error("timed out waiting for a gateway frame");
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.waiter = undefined;
    }
  }

  /** Every dispatch received so far and not yet consumed. */
  drain(): ReceivedFrame[] {
    return this.frames.splice(0);
  }

  /** Waits until the server closes the connection. */
  async closedWith(timeoutMs = this.waitMs): Promise<CloseInfo> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error("timed out waiting for the gateway to close")), timeoutMs);
    });
    try {
      return await Promise.race([this.closed, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Closes from the client side; `code` 1000 ends the session, 4000 (or a dropped socket) leaves it resumable. */
  async close(code = 1000): Promise<void> {
    clearInterval(this.heartbeatTimer);
    if (this.socket.readyState !== WebSocket.CLOSED) this.socket.close(code);
    await this.closed;
  }

  /** Drops the TCP connection without a close frame, like a phone losing signal. */
  async drop(): Promise<void> {
    clearInterval(this.heartbeatTimer);
    this.socket.terminate();
    await this.closed;
  }

  private receive(json: unknown): void {
    const frame = GatewayFrameSchema.parse(json) as ReceivedFrame;
    if (frame.s !== undefined) {
      if (frame.s !== this.seq + 1) this.problems.push(`sequence: had ${this.seq}, got ${frame.s}`);
      this.seq = frame.s;
    }
    this.frames.push(frame);
    this.waiter?.();
  }
}
