/**
 * A gateway session: the logical stream of dispatches a client identified for, which outlives any one WebSocket.
 *
 *   identified ──(connection drops)──▶ resumable ──(resume)──▶ identified
 *        │                                  │
 *        └──(revoked, clean close)──▶ closed ◀──(resume window passes)
 *
 * Every dispatch gets the next sequence number and a place in the replay buffer, whether or not a connection is
 * attached, so a resume can replay exactly what the client missed. In scale-out a session may also be adopted by
 * another node (its client reconnected there): see Gateway.adopt.
 */
import { comparePositions } from "../../bus/log-position.js";
import type { DispatchTarget, EncodedDispatch } from "./frames.js";
import type { ReplayBuffer, ReplayEntry } from "./replay-buffer.js";

export type SessionState = "identified" | "resumable" | "closed";

/** Where a session writes frames: its current connection. */
export interface FrameSink {
  /** Queues the dispatch whose shared `body` (see frames.ts) gets sequence number `seq` on this connection. */
  sendDispatch(body: Buffer, seq: number): void;
}

export interface SessionIdentity {
  userId: string;
  /** The auth session (refresh-token family) this gateway session was opened with; revoking it ends this one. */
  authSessionId: string;
}

export type ResumeOutcome = "resumed" | "invalid_seq" | "gap";

export interface SessionOptions {
  now?: () => number;
  /** Another node took the session over (its shared replay buffer said so). */
  onMoved?: (session: GatewaySession) => void;
}

export class GatewaySession implements DispatchTarget {
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
    sink: FrameSink | null,
    private readonly options: SessionOptions = {},
  ) {
    this.sink = sink;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
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
    this.sink?.sendDispatch(ready.body, 1);
    for (const dispatch of queued) this.deliver(dispatch);
  }

  /** Whether this session's intents let the dispatch through. */
  private wants(dispatch: EncodedDispatch): boolean {
    return this.intents === null || dispatch.intent === undefined || this.intents.has(dispatch.intent);
  }

  deliver(dispatch: EncodedDispatch): void {
    if (this.stateValue === "closed" || !this.wants(dispatch)) return;
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
    for (const entry of missed) sink.sendDispatch(entry.body, entry.seq);
    return "resumed";
  }

  /**
   * Takes over a session another node served, for a client resuming here: `missed` (from the shared buffer) is
   * replayed as it was numbered, then `caughtUp` (what happened while no node served it) and whatever arrived live
   * meanwhile, leaving out live dispatches the catch-up already covered (log position up to `cutoff`).
   */
  adopt(
    sink: FrameSink,
    lastSeq: number,
    missed: readonly ReplayEntry[],
    caughtUp: readonly EncodedDispatch[],
    cutoff?: string,
  ): void {
    if (this.stateValue === "closed") return;
    const queued = this.pending ?? [];
    this.pending = null;
    this.seq = lastSeq;
    this.sink = sink;
    for (const entry of missed) sink.sendDispatch(entry.body, entry.seq);
    for (const dispatch of caughtUp) this.deliver(dispatch);
    for (const dispatch of queued) {
      const covered = cutoff && dispatch.position && comparePositions(dispatch.position, cutoff) <= 0;
      if (!covered) this.deliver(dispatch);
    }
  }

  /** Ends the session here: nothing more is buffered or sent. `keepShared`: another node may carry it on. */
  end({ keepShared = false } = {}): void {
    this.stateValue = "closed";
    this.sink = null;
    this.pending = null;
    if (!keepShared) this.replay.clear();
  }

  private push(dispatch: EncodedDispatch): void {
    const seq = ++this.seq;
    const stored = this.replay.append(seq, dispatch.body, dispatch.at, dispatch.position);
    if (!stored) {
      this.sink?.sendDispatch(dispatch.body, seq);
      return;
    }
    // The connection it was meant for, even if another has attached by the time the write settles.
    const sink = this.sink;
    stored.then(
      (outcome) => {
        if (outcome === "moved") this.options.onMoved?.(this);
        else sink?.sendDispatch(dispatch.body, seq);
      },
      // The shared store is unreachable: still deliver; a resume elsewhere will find the gap and re-identify.
      () => sink?.sendDispatch(dispatch.body, seq),
    );
  }
}
