/**
 * Gateway sessions shared between nodes (scale-out): what a node needs to take over a session whose client
 * reconnected to it. Lite has no such store; sessions there live and die with the one process.
 */
import type { ReplayBuffer, ReplayEntry, ReplayLimits } from "./replay-buffer.js";

export interface SharedSessionRecord {
  userId: string;
  authSessionId: string;
  /** Intent names the client asked for; null means every intent. */
  intents: string[] | null;
}

export interface StoredReplayEntry extends ReplayEntry {
  at: number;
  /** Bus log position of the event the dispatch reports. */
  position?: string;
}

export interface TakenSession extends SharedSessionRecord {
  /** The last sequence number the session gave out. */
  lastSeq: number;
  /** Its replay buffer, oldest first. */
  entries: StoredReplayEntry[];
  /**
   * Bus log position after which events may be missing from `entries` (the old node's last checkpoint, or when the
   * session began if later); undefined when that is unknown, so the session cannot be resumed without a gap.
   */
  resumeFrom: string | undefined;
}

export interface SharedSessions {
  /** A replay buffer that writes through to the store; `seed` is what a taken-over session already holds. */
  replayBuffer(sessionId: string, limits: ReplayLimits, seed?: readonly StoredReplayEntry[]): ReplayBuffer;
  /** Records a session identified on this node, live from log position `since` on. */
  open(sessionId: string, record: SharedSessionRecord, since: string): Promise<void>;
  /** Whether this node still serves the session (no other node took it over). */
  owns(sessionId: string): Promise<boolean>;
  /** Makes this node the session's server and returns its state; undefined when it is unknown or not the user's. */
  takeOver(sessionId: string, userId: string): Promise<TakenSession | undefined>;
  /** An adopted session is live here, its buffer complete up to log position `through`. */
  adopted(sessionId: string, through: string): Promise<void>;
  /** Deletes the session's shared state, unless another node serves it now. */
  forget(sessionId: string): Promise<void>;
  /** Every event up to `position` has been delivered to this node's sessions (see Bus.checkpoint). */
  mark(position: string): Promise<void>;
  /** Keeps these live sessions from expiring. */
  refresh(sessionIds: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

/** What a client that saw up to `seq` missed, or undefined when the buffer no longer holds all of it. */
export function missedAfter(taken: TakenSession, seq: number): StoredReplayEntry[] | undefined {
  if (seq < 1) return undefined; // READY (s=1) is never replayed: a client must have seen it.
  const missed = taken.entries.filter((entry) => entry.seq > seq);
  const complete = missed.length === taken.lastSeq - seq && (missed[0]?.seq ?? seq + 1) === seq + 1;
  return complete ? missed : undefined;
}
