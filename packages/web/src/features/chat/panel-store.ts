/** Which side panel the conversation shows: pinned messages, the channel's threads, or one open thread. */
import { Store } from "../../state/store.js";

export type ChatPanel =
  | { kind: "none" }
  | { kind: "pins" }
  | { kind: "threads" }
  | { kind: "thread"; threadId: string };

export const panelStore = new Store<ChatPanel>({ kind: "none" });

export function togglePanel(kind: "pins" | "threads"): void {
  panelStore.set((panel) => (panel.kind === kind ? { kind: "none" } : { kind }));
}
