/**
 * Where presence lives: which users have live gateway sessions and the status they chose. Memory for lite; the
 * scale-out driver keeps it in Redis with a per-node heartbeat so a dead node's users go offline.
 */
import type { CustomStatus, PresenceStatus } from "@nexus/protocol";

export interface StoredPresence {
  /** What the user chose; "invisible" is only ever shown to the user themself. */
  status: PresenceStatus;
  custom_status: CustomStatus | null;
  /** Live gateway sessions of the user, across nodes. */
  sessions: number;
}

export interface PresenceChoice {
  status: PresenceStatus;
  custom_status?: CustomStatus | null;
}

/** A user whose sessions on a dead node were removed: what they looked like before and after. */
export interface PresenceLoss {
  userId: string;
  before: StoredPresence;
  after: StoredPresence;
}

export interface PresenceStore {
  /** Records a live session; `choice` (from identify) replaces the stored status when given. */
  connect(userId: string, sessionId: string, choice?: PresenceChoice): Promise<StoredPresence>;
  /** Forgets a session; the result has sessions 0 when it was the user's last. */
  disconnect(userId: string, sessionId: string): Promise<StoredPresence>;
  /** Sets the status and custom status of a user with a live session; undefined when there is none. */
  choose(userId: string, choice: PresenceChoice): Promise<StoredPresence | undefined>;
  /** Presences of those of `userIds` with a live session. */
  online(userIds: readonly string[]): Promise<Map<string, StoredPresence>>;
  /** This node is alive (scale-out: renews its heartbeat; lite has no other nodes). */
  heartbeat(): Promise<void>;
  /** Removes the sessions of nodes whose heartbeat expired; lite has none. */
  reapDeadNodes(): Promise<PresenceLoss[]>;
  close(): Promise<void>;
}
