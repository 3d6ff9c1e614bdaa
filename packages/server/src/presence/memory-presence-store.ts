/** The lite presence store: one process knows every session. */
import type { PresenceChoice, PresenceLoss, PresenceStore, StoredPresence } from "./presence-store.js";

interface Entry {
  choice: Required<PresenceChoice>;
  sessions: Set<string>;
}

export class MemoryPresenceStore implements PresenceStore {
  private readonly users = new Map<string, Entry>();
  /** The last choice survives reconnects, as a client would expect its "dnd" to. */
  private readonly lastChoice = new Map<string, Required<PresenceChoice>>();

  async connect(userId: string, sessionId: string, choice?: PresenceChoice): Promise<StoredPresence> {
    let entry = this.users.get(userId);
    if (!entry) {
      entry = { choice: this.lastChoice.get(userId) ?? { status: "online", custom_status: null }, sessions: new Set() };
      this.users.set(userId, entry);
    }
    entry.sessions.add(sessionId);
    if (choice) entry.choice = this.remember(userId, choice);
    return view(entry);
  }

  async disconnect(userId: string, sessionId: string): Promise<StoredPresence> {
    const entry = this.users.get(userId);
    if (!entry) return { status: "online", custom_status: null, sessions: 0 };
    entry.sessions.delete(sessionId);
    if (entry.sessions.size === 0) this.users.delete(userId);
    return view(entry);
  }

  async choose(userId: string, choice: PresenceChoice): Promise<StoredPresence | undefined> {
    const entry = this.users.get(userId);
    if (!entry) return undefined;
    entry.choice = this.remember(userId, choice);
    return view(entry);
  }

  async online(userIds: readonly string[]): Promise<Map<string, StoredPresence>> {
    const found = new Map<string, StoredPresence>();
    for (const id of userIds) {
      const entry = this.users.get(id);
      if (entry) found.set(id, view(entry));
    }
    return found;
  }

  async heartbeat(): Promise<void> {}

  async reapDeadNodes(): Promise<PresenceLoss[]> {
    return [];
  }

  async close(): Promise<void> {}

  private remember(userId: string, choice: PresenceChoice): Required<PresenceChoice> {
    const full = { status: choice.status, custom_status: choice.custom_status ?? null };
    this.lastChoice.set(userId, full);
    return full;
  }
}

const view = (entry: Entry): StoredPresence => ({ ...entry.choice, sessions: entry.sessions.size });
