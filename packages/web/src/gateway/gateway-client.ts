/**
 * The real-time connection: hello → identify (or resume) → dispatches, with heartbeats. A dropped connection
 * reconnects with backoff and resumes the session so every missed dispatch is replayed in order; when the server
 * can no longer resume it, the client identifies afresh and READY replaces the whole state.
 */
import { GatewayCloseCodes, NON_RESUMABLE_CLOSE_CODES } from "@nexus/protocol";

export type GatewayStatus = "connecting" | "ready" | "reconnecting" | "offline";

export interface GatewayClientOptions {
  url: string;
  /** A valid access token (refreshed by the API client when needed). */
  token: () => Promise<string>;
  onDispatch: (type: string, data: unknown) => void;
  onStatus?: (status: GatewayStatus) => void;
  /** The session could not be authenticated even with a fresh token: the app signs out. */
  onAuthenticationFailed?: () => void;
  /** A new session is about to start (not a resume): READY will replace the state. */
  onIdentify?: () => void;
  createSocket?: (url: string) => WebSocket;
}

interface Frame {
  op: string;
  d?: unknown;
  s?: number;
  t?: string;
}

const MAX_BACKOFF_MS = 30_000;

export class GatewayClient {
  private socket: WebSocket | null = null;
  private sessionId: string | null = null;
  private seq: number | null = null;
  private heartbeatTimer: ReturnType<typeof setTimeout> | null = null;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private awaitingAck = false;
  private attempts = 0;
  private stopped = true;

  constructor(private readonly options: GatewayClientOptions) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    window.addEventListener("online", this.reconnectNow);
    window.addEventListener("offline", this.dropNow);
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    window.removeEventListener("online", this.reconnectNow);
    window.removeEventListener("offline", this.dropNow);
    this.clearTimers();
    this.sessionId = null;
    this.seq = null;
    const socket = this.socket;
    this.socket = null;
    socket?.close(1000, "signed out");
  }

  /** Sends a client op (presence updates); dropped silently while disconnected, as presence is re-sent on READY. */
  send(op: "presence_update", d: unknown): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify({ op, d }));
  }

  private connect(): void {
    this.clearTimers();
    this.options.onStatus?.(this.attempts === 0 && !this.sessionId ? "connecting" : "reconnecting");
    const socket = this.options.createSocket?.(this.options.url) ?? new WebSocket(this.options.url);
    this.socket = socket;
    socket.onmessage = (event) => {
      if (this.socket === socket) void this.receive(JSON.parse(String(event.data)) as Frame);
    };
    socket.onclose = (event) => {
      if (this.socket === socket) this.closed(event.code);
    };
  }

  private async receive(frame: Frame): Promise<void> {
    switch (frame.op) {
      case "hello":
        this.startHeartbeat((frame.d as { heartbeat_interval: number }).heartbeat_interval);
        await this.authenticate();
        return;
      case "heartbeat_ack":
        this.awaitingAck = false;
        return;
      case "dispatch":
        if (typeof frame.s === "number") this.seq = frame.s;
        if (frame.t === "READY") this.sessionId = (frame.d as { session_id: string }).session_id;
        if (frame.t === "READY" || frame.t === "RESUMED") {
          this.attempts = 0;
          this.options.onStatus?.("ready");
        }
        if (frame.t) this.options.onDispatch(frame.t, frame.d);
        return;
      case "invalid_session":
        // The server forgot this session (expired or its replay buffer overflowed): start a new one.
        this.sessionId = null;
        this.seq = null;
        await this.authenticate();
        return;
    }
  }

  private async authenticate(): Promise<void> {
    const socket = this.socket;
    let token: string;
    try {
      token = await this.options.token();
    } catch {
      // No valid token: the API client has already ended the session if it is gone for good.
      socket?.close(4000, "no token");
      return;
    }
    if (!socket || socket !== this.socket || socket.readyState !== WebSocket.OPEN) return;
    if (this.sessionId && this.seq !== null) {
      socket.send(JSON.stringify({ op: "resume", d: { token, session_id: this.sessionId, seq: this.seq } }));
    } else {
      const properties = { browser: "Nexus web", os: navigator.platform || "unknown", device: "web" };
      this.options.onIdentify?.();
      socket.send(JSON.stringify({ op: "identify", d: { token, properties } }));
    }
  }

  private startHeartbeat(interval: number): void {
    this.awaitingAck = false;
    const beat = () => {
      const socket = this.socket;
      if (!socket || socket.readyState !== WebSocket.OPEN) return;
      if (this.awaitingAck) {
        // No ack since the last beat: the connection is dead even if the socket has not noticed. Resume elsewhere.
        socket.close(4000, "heartbeat not acknowledged");
        return;
      }
      this.awaitingAck = true;
      socket.send(JSON.stringify({ op: "heartbeat", d: this.seq }));
      this.heartbeatTimer = setTimeout(beat, interval);
    };
    // The first beat is jittered so a server restart is not followed by every client beating in lockstep.
    this.heartbeatTimer = setTimeout(beat, interval * Math.random());
  }

  private closed(code: number): void {
    this.socket = null;
    this.clearTimers();
    if (this.stopped) return;
    if (code === GatewayCloseCodes.AUTHENTICATION_FAILED && this.attempts > 2) {
      this.options.onAuthenticationFailed?.();
      return;
    }
    if (NON_RESUMABLE_CLOSE_CODES.has(code)) {
      this.sessionId = null;
      this.seq = null;
    }
    this.options.onStatus?.(navigator.onLine === false ? "offline" : "reconnecting");
    const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** this.attempts) * (0.5 + Math.random() / 2);
    this.attempts += 1;
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
  }

  private readonly reconnectNow = () => {
    if (this.stopped || this.socket) return;
    this.attempts = 0;
    this.connect();
  };

  /**
   * The network went away: this socket may linger half-open for a whole heartbeat without noticing. Drop it now
   * (resumably) so the client shows it is offline and resumes as soon as the network is back.
   */
  private readonly dropNow = () => {
    const socket = this.socket;
    if (this.stopped || !socket) return;
    this.socket = null;
    socket.close(4000, "network offline");
    this.closed(4000);
  };

  private clearTimers(): void {
    if (this.heartbeatTimer) clearTimeout(this.heartbeatTimer);
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.heartbeatTimer = null;
    this.reconnectTimer = null;
  }
}

/** ws(s)://<this host>/gateway: the gateway shares the page's origin. */
export function gatewayUrl(location: Location = window.location): string {
  return `${location.protocol === "https:" ? "wss:" : "ws:"}//${location.host}/gateway`;
}
