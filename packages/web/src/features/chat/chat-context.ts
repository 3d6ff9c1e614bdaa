/** What every message row needs from the conversation it is in: who is looking, what they may do, and the shared layers. */
import type { CurrentUser } from "@nexus/protocol";
import { createContext, useContext } from "react";
import type { ChatMessage } from "./message-store.js";

export interface ChatPermissions {
  send: boolean;
  react: boolean;
  manageMessages: boolean;
  createThreads: boolean;
  /** USE_EXTERNAL_EMOJI: other servers' custom emoji are offered here. */
  externalEmoji: boolean;
}

export interface ChatContextValue {
  me: CurrentUser;
  myRoleIds: readonly string[];
  permissions: ChatPermissions;
  /** Whether threads can be started here (not inside a thread). */
  threadsAllowed: boolean;
  editingId: string | null;
  setEditingId: (id: string | null) => void;
  reply: (message: ChatMessage) => void;
  /** Asks before deleting, unless `skipConfirm` (Shift-click). */
  requestDelete: (message: ChatMessage, skipConfirm: boolean) => void;
  openThread: (message: ChatMessage) => void;
  pickEmoji: (anchor: HTMLElement, onPick: (emoji: string) => void) => void;
}

export const ChatContext = createContext<ChatContextValue | null>(null);

export function useChat(): ChatContextValue {
  const value = useContext(ChatContext);
  if (!value) throw new Error("useChat outside a conversation");
  return value;
}
