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

/**
 * A ring over two parallel arrays, grown by doubling up to the event limit, so idle sessions cost almost nothing
 * and a full one drops its oldest entry in place instead of shifting or compacting arrays.
 */
export class MemoryReplayBuffer implements ReplayBuffer {
  private bodies: Buffer[] = [];
  private times: number[] = [];
  /** Index of the oldest entry, and how many are held. */
  private head = 0;
  private count = 0;
  /** Sequence number of the oldest entry. */
  private firstSeq = 1;

  constructor(private readonly limits: ReplayLimits) {}

  append(seq: number, body: Buffer, at: number): undefined {
    if (this.count === 0) this.firstSeq = seq;
    if (this.count === this.bodies.length) {
      if (this.count < this.limits.maxEvents) this.grow();
      else this.dropOldest();
    }
    const slot = (this.head + this.count) % this.bodies.length;
    this.bodies[slot] = body;
    this.times[slot] = at;
    this.count++;
    this.trim(at);
    return undefined;
  }

  after(seq: number, now: number): ReplayEntry[] | undefined {
    this.trim(now);
    const lastSeq = this.firstSeq + this.count - 1;
    if (seq >= lastSeq) return [];
    // The client saw `seq`; the next one it needs is seq + 1, which must still be held.
    if (seq + 1 < this.firstSeq) return undefined;
    const entries: ReplayEntry[] = [];
    for (let i = seq + 1 - this.firstSeq; i < this.count; i++) {
      entries.push({ seq: this.firstSeq + i, body: this.bodies[(this.head + i) % this.bodies.length] as Buffer });
    }
    return entries;
  }

  clear(): void {
    this.firstSeq += this.count;
    this.bodies = [];
    this.times = [];
    this.head = 0;
    this.count = 0;
  }

  private grow(): void {
    const capacity = Math.min(this.limits.maxEvents, Math.max(8, this.bodies.length * 2));
    const bodies: Buffer[] = [];
    const times: number[] = [];
    for (let i = 0; i < this.count; i++) {
      const slot = (this.head + i) % this.bodies.length;
      bodies.push(this.bodies[slot] as Buffer);
      times.push(this.times[slot] as number);
    }
    // Filled to capacity, so the ring's slots exist from the start.
    for (let i = this.count; i < capacity; i++) {
      bodies.push(EMPTY);
      times.push(0);
    }
    this.bodies = bodies;
    this.times = times;
    this.head = 0;
  }

  private dropOldest(): void {
    this.bodies[this.head] = EMPTY;
    this.head = (this.head + 1) % this.bodies.length;
    this.count--;
    this.firstSeq++;
  }

  private trim(now: number): void {
    const oldest = now - this.limits.maxAgeMs;
    while (this.count > 0 && (this.times[this.head] as number) < oldest) this.dropOldest();
  }
}

const EMPTY = Buffer.alloc(0);
