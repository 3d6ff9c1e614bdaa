/**
 * A gateway session: the logical stream of dispatches a client identified for, which outlives any one WebSocket.
 *
 *   identified ──(connection drops)──▶ resumable ──(resume)──▶ identified
 *        │                                  │
 *        └──(revoked, clean close)──▶ closed ◀──(resume window passes)
 *
 * Every dispatch gets the next sequence number and a place in the replay buffer, whether or not a connection is
 * attached, so a resume can replay exactly what the client missed.
 */
import { intentOf } from "@nexus/protocol";
import { type EncodedDispatch, stampSequence } from "./frames.js";
import type { ReplayBuffer } from "./replay-buffer.js";

export type SessionState = "identified" | "resumable" | "closed";

/** Where a session writes frames: its current connection. */
export interface FrameSink {
  sendFrame(frame: Buffer): void;
}

export interface SessionIdentity {
  userId: string;
  /** The auth session (refresh-token family) this gateway session was opened with; revoking it ends this one. */
  authSessionId: string;
}

export type ResumeOutcome = "resumed" | "invalid_seq" | "gap";

export class GatewaySession {
  private stateValue: SessionState = "identified";
  private seq = 0;
  private sink: FrameSink | null;
  /** Dispatches that arrived while READY was being assembled; they follow READY in order. */
  private pending: EncodedDispatch[] | null = [];

  constructor(
    readonly id: string,
    readonly identity: SessionIdentity,
    /** Intent names the client asked for; null means every intent. */
    private readonly intents: ReadonlySet<string> | null,
    private readonly replay: ReplayBuffer,
    sink: FrameSink,
    private readonly now: () => number = Date.now,
  ) {
    this.sink = sink;
  }

  get state(): SessionState {
    return this.stateValue;
  }

  get userId(): string {
    return this.identity.userId;
  }

  get lastSeq(): number {
    return this.seq;
  }

  /**
   * Sends READY as s=1, then whatever arrived while it was being built. READY is not kept for replay: it is the
   * largest frame a session sends, idle sessions would hold it forever, and a client that never saw it has nothing
   * to resume (it gets invalid_session and identifies again).
   */
  start(ready: EncodedDispatch): void {
    const queued = this.pending ?? [];
    this.pending = null;
    this.seq = 1;
    this.sink?.sendFrame(stampSequence(ready.body, 1));
    for (const dispatch of queued) this.deliver(dispatch);
  }

  /** Whether this session's intents let `type` through. */
  wants(type: string): boolean {
    if (this.intents === null) return true;
    const intent = intentOf(type);
    return intent === undefined || this.intents.has(intent);
  }

  deliver(dispatch: EncodedDispatch): void {
    if (this.stateValue === "closed" || !this.wants(dispatch.type)) return;
    if (this.pending) {
      this.pending.push(dispatch);
      return;
    }
    this.push(dispatch);
  }

  /** The connection went away; keep buffering if the client may come back. */
  detach(sink: FrameSink, resumable: boolean): void {
    if (this.sink !== sink) return;
    this.sink = null;
    if (this.stateValue === "closed") return;
    this.stateValue = resumable ? "resumable" : "closed";
    if (!resumable) this.replay.clear();
  }

  /** Attaches a new connection and replays everything after `afterSeq`; RESUMED is sent by the caller. */
  resume(sink: FrameSink, afterSeq: number): ResumeOutcome {
    // READY (s=1) is never replayed, so a client must have seen it to resume.
    if (this.stateValue !== "resumable" || afterSeq < 1) return "gap";
    if (afterSeq > this.seq) return "invalid_seq";
    const missed = this.replay.after(afterSeq, this.now());
    if (!missed) return "gap";
    this.sink = sink;
    this.stateValue = "identified";
    for (const entry of missed) sink.sendFrame(stampSequence(entry.body, entry.seq));
    return "resumed";
  }

  /** Ends the session for good: nothing more is buffered or sent. */
  end(): void {
    this.stateValue = "closed";
    this.sink = null;
    this.pending = null;
    this.replay.clear();
  }

  private push(dispatch: EncodedDispatch): void {
    const seq = ++this.seq;
    this.replay.append(seq, dispatch.body, this.now());
    this.sink?.sendFrame(stampSequence(dispatch.body, seq));
  }
}
