/** Threads the user has seen, by id: from the active-threads listing and THREAD_CREATE/UPDATE/DELETE. */
import type { Thread } from "@nexus/protocol";
import { Store } from "../../state/store.js";
import { compareIds } from "./message-store.js";

export const threadStore = new Store<Record<string, Thread>>({});

export function upsertThreads(threads: Thread[]): void {
  threadStore.set((all) => ({ ...all, ...Object.fromEntries(threads.map((t) => [t.id, t])) }));
}

export function removeThread(threadId: string): void {
  threadStore.set((all) => {
    const { [threadId]: _gone, ...rest } = all;
    return rest;
  });
}

export function threadsOf(all: Record<string, Thread>, parentId: string): Thread[] {
  return Object.values(all)
    .filter((t) => t.parent_id === parentId)
    .sort((a, b) => compareIds(b.last_message_id ?? b.id, a.last_message_id ?? a.id));
}
