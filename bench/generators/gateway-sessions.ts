/**
 * Load generator: holds many identified gateway sessions open (heartbeating on the server's interval) and, when
 * asked to, timestamps every MESSAGE_CREATE whose content carries a send time (see fanoutContent).
 */
import WebSocket from "ws";
import { runGenerator } from "../lib/generator.js";

export interface GatewaySessionsConfig {
  gatewayUrl: string;
  tokens: string[];
  /** Intents to identify with; omitted: all. */
  intents?: string[];
  /** Handshakes in flight at once while connecting. */
  connectParallel: number;
  /** Record delivery latencies of fan-out messages (content "fanout <seq> <sent hrtime ns>"). */
  recordFanout: boolean;
}

export interface GatewaySessionsResult {
  identified: number;
  /** Per delivered fan-out message, send → receive in ms. */
  latencies: Float32Array;
  /** Fan-out messages a session never received / received more than once, summed over sessions. */
  missing: number;
  duplicates: number;
  /** Sessions the server closed before the end, by close code. */
  closedByServer: Record<string, number>;
  /** CPU time (user + system) this process used from when all sessions had identified until the last delivery. */
  cpuMs: number;
}

const MARKER = Buffer.from('"content":"fanout ');

/** The content the fan-out sender puts in message `seq`. */
export function fanoutContent(seq: number, sentNs: bigint): string {
  return `fanout ${seq} ${sentNs}`;
}

class Session {
  readonly socket: WebSocket;
  private heartbeat: NodeJS.Timeout | undefined;
  private seq: number | null = null;
  /** Bit per fan-out message seq: received at least once. */
  seen = new Uint8Array(0);
  duplicates = 0;
  closeCode: number | undefined;

  constructor(
    url: string,
    private readonly onFanout: ((seq: number, latencyMs: number, session: Session) => void) | undefined,
  ) {
    // The server's frames are JSON.stringify output; validating every byte of them as UTF-8 would only add
    // client CPU that competes with the server being measured.
    this.socket = new WebSocket(url, { perMessageDeflate: false, skipUTF8Validation: true });
  }

  identify(token: string, intents: string[] | undefined): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("no READY within 60 s")), 60_000);
      this.socket.on("message", (data: Buffer) => {
        const received = process.hrtime.bigint();
        if (this.onFanout) {
          const at = data.indexOf(MARKER);
          if (at >= 0) return this.recordFanout(data, at + MARKER.length, received);
        }
        const frame = JSON.parse(data.toString()) as {
          op: string;
          d?: { heartbeat_interval?: number };
          t?: string;
          s?: number;
        };
        if (typeof frame.s === "number") this.seq = frame.s;
        if (frame.op === "hello") {
          const interval = frame.d?.heartbeat_interval ?? 40_000;
          this.heartbeat = setInterval(() => this.send({ op: "heartbeat", d: this.seq }), interval * 0.8);
          this.send({
            op: "identify",
            d: { token, properties: { os: "bench", browser: "nexus-bench" }, ...(intents ? { intents } : {}) },
          });
        } else if (frame.op === "dispatch" && frame.t === "READY") {
          clearTimeout(timer);
          resolve();
        }
      });
      this.socket.once("close", (code) => {
        this.closeCode = code;
        clearInterval(this.heartbeat);
        clearTimeout(timer);
        reject(new Error(`closed with ${code} before READY`));
      });
      this.socket.once("error", reject);
    });
  }

  private recordFanout(data: Buffer, from: number, received: bigint): void {
    const space = data.indexOf(0x20, from);
    const end = data.indexOf(0x22, space);
    const seq = Number(data.toString("latin1", from, space));
    const sentNs = BigInt(data.toString("latin1", space + 1, end));
    const sAt = data.lastIndexOf('"s":');
    if (sAt >= 0) this.seq = Number(data.toString("latin1", sAt + 4, data.length - 1));
    this.onFanout?.(seq, Number(received - sentNs) / 1e6, this);
  }

  private send(frame: unknown): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(frame));
  }

  close(): void {
    clearInterval(this.heartbeat);
    this.socket.removeAllListeners("close");
    this.socket.close(1000);
  }
}

runGenerator<GatewaySessionsConfig, GatewaySessionsResult>(async (config, link) => {
  const latencies: number[] = [];
  const onFanout = (seq: number, latencyMs: number, session: Session) => {
    if (seq >= session.seen.length) {
      const grown = new Uint8Array(Math.max(seq + 1, session.seen.length * 2, 1024));
      grown.set(session.seen);
      session.seen = grown;
    }
    if (session.seen[seq]) {
      session.duplicates += 1;
      return;
    }
    session.seen[seq] = 1;
    latencies.push(latencyMs);
    link.progress(latencies.length);
  };

  const sessions: Session[] = [];
  let next = 0;
  const connectOne = async () => {
    while (next < config.tokens.length) {
      const token = config.tokens[next++] as string;
      const session = new Session(config.gatewayUrl, config.recordFanout ? onFanout : undefined);
      sessions.push(session);
      await session.identify(token, config.intents);
      link.progress(sessions.length);
    }
  };
  await Promise.all(Array.from({ length: config.connectParallel }, connectOne));
  for (const session of sessions) {
    session.socket.once("close", (code) => {
      session.closeCode = code;
    });
  }
  link.signal("identified", sessions.length);
  const cpuAtIdentified = process.cpuUsage();

  const { expected, graceMs } = (await link.command("finish")) as { expected: number; graceMs: number };
  const complete = () => latencies.length >= expected * sessions.length;
  const deadline = Date.now() + graceMs;
  while (!complete() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  const cpu = process.cpuUsage(cpuAtIdentified);

  let missing = 0;
  let duplicates = 0;
  const closedByServer: Record<string, number> = {};
  for (const session of sessions) {
    for (let seq = 0; seq < expected; seq++) if (!session.seen[seq]) missing += 1;
    duplicates += session.duplicates;
    if (session.closeCode !== undefined)
      closedByServer[session.closeCode] = (closedByServer[session.closeCode] ?? 0) + 1;
    session.close();
  }
  return {
    identified: sessions.length,
    latencies: Float32Array.from(latencies),
    missing,
    duplicates,
    closedByServer,
    cpuMs: (cpu.user + cpu.system) / 1000,
  };
});
