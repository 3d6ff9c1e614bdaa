/**
 * Replay buffers keep the dispatches a session may need again after a reconnect. The interface lets scale-out put
 * them in Redis (a client reconnecting to another node); the memory one keeps references to the shared frame bodies,
 * so a thousand sessions hearing the same event hold one copy of it.
 */
export interface ReplayEntry {
  seq: number;
  /** The shared dispatch body (see frames.ts); stamp `seq` onto it to send. */
  body: Buffer;
}

/** "moved": another node took the session over; this node must drop it without a word. */
export type AppendOutcome = "stored" | "moved";

export interface ReplayBuffer {
  /**
   * Records the dispatch given sequence number `seq` (always the previous one plus one). A shared buffer returns
   * a promise: the frame may only be sent once it settles, so a client never holds a frame another node cannot
   * replay. A memory buffer returns undefined: send at once.
   */
  append(seq: number, body: Buffer, at: number, position?: string): Promise<AppendOutcome> | undefined;
  /** Every entry after `seq` in order, or undefined when some of them were already dropped. */
  after(seq: number, now: number): ReplayEntry[] | undefined;
  clear(): void;
}

export interface ReplayLimits {
  maxEvents: number;
  maxAgeMs: number;
}

/** A deque over two parallel arrays, grown on demand so idle sessions cost almost nothing. */
export class MemoryReplayBuffer implements ReplayBuffer {
  private bodies: Buffer[] = [];
  private times: number[] = [];
  private head = 0;
  /** Sequence number of bodies[head]. */
  private firstSeq = 1;

  constructor(private readonly limits: ReplayLimits) {}

  append(seq: number, body: Buffer, at: number): undefined {
    if (this.size() === 0) this.firstSeq = seq;
    this.bodies.push(body);
    this.times.push(at);
    this.trim(at);
    return undefined;
  }

  after(seq: number, now: number): ReplayEntry[] | undefined {
    this.trim(now);
    const lastSeq = this.firstSeq + this.size() - 1;
    if (seq >= lastSeq) return [];
    // The client saw `seq`; the next one it needs is seq + 1, which must still be held.
    if (seq + 1 < this.firstSeq) return undefined;
    const entries: ReplayEntry[] = [];
    for (let i = this.head + (seq + 1 - this.firstSeq); i < this.bodies.length; i++) {
      entries.push({ seq: this.firstSeq + (i - this.head), body: this.bodies[i] as Buffer });
    }
    return entries;
  }

  clear(): void {
    this.firstSeq += this.size();
    this.bodies = [];
    this.times = [];
    this.head = 0;
  }

  private size(): number {
    return this.bodies.length - this.head;
  }

  private trim(now: number): void {
    const oldest = now - this.limits.maxAgeMs;
    while (this.size() > 0 && (this.size() > this.limits.maxEvents || (this.times[this.head] as number) < oldest)) {
      this.head++;
      this.firstSeq++;
    }
    // Compact once the dropped prefix dominates, so arrays never grow past about twice the limit.
    if (this.head > 64 && this.head * 2 > this.bodies.length) {
      this.bodies = this.bodies.slice(this.head);
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
  }
}
