/** Applies messaging dispatches (messages, reactions, pins, typing, threads, read states) to the chat stores. */
import type { Message, ReactionEmoji, ReadState, Ready, Thread, TypingStart } from "@nexus/protocol";
import { communityStore } from "../../state/community.js";
import { Store } from "../../state/store.js";
import { reactionKey } from "../emoji/emoji-keys.js";
import { changeReaction, flushUnsentAcks, refillCachedChannels, removeMessages } from "./message-actions.js";
import { isLocal, mapMessages, mergeMessages, messageStore, resetMessages, updateCached } from "./message-store.js";
import { noteNewMessage, putReadState, setReadStates } from "./read-states.js";
import { removeThread, threadStore, upsertThreads } from "./thread-store.js";
import { startTyping, stopTyping, typingStore } from "./typing-store.js";

/** Bumped per channel on CHANNEL_PINS_UPDATE so an open pins panel refetches. */
export const pinsVersionStore = new Store<Record<string, number>>({});

interface ReactionEvent {
  message_id: string;
  user_id: string;
  channel_id: string;
  emoji: ReactionEmoji;
}

function myRoles(guildId: string | null): string[] {
  return guildId ? (communityStore.get().guilds[guildId]?.me?.roles ?? []) : [];
}

function messageCreated(message: Message, myId: string): void {
  stopTyping(message.channel_id, message.author.id);
  // Threads count their messages; the count on the starter message follows.
  const thread = threadStore.get()[message.channel_id];
  if (thread) threadChanged({ ...thread, message_count: thread.message_count + 1, last_message_id: message.id });
  noteNewMessage(message, myId, myRoles(message.guild_id));
  updateCached(message.channel_id, (c) => {
    const pendingMatch = message.nonce && c.messages.some((m) => isLocal(m) && m.nonce === message.nonce);
    // A window in the past does not grow at the end: "jump to present" loads the newest page.
    if (c.hasNewer && !pendingMatch) return c;
    return { ...c, messages: mergeMessages(c.messages, [message]) };
  });
}

function messageUpdated(message: Message): void {
  updateCached(message.channel_id, (c) =>
    mapMessages(c, (m) => {
      // Reactions in events are neutral (me: false); the cached ones know which are the viewer's.
      if (m.id === message.id) return { ...message, reactions: m.reactions };
      if (m.reply_to === message.id && m.referenced_message) return { ...m, referenced_message: message };
      return m;
    }),
  );
}

function threadChanged(thread: Thread): void {
  upsertThreads([thread]);
  const starter = thread.starter_message_id;
  if (!starter) return;
  const summary = {
    id: thread.id,
    name: thread.name,
    message_count: thread.message_count,
    archived: thread.archived,
    locked: thread.locked,
  };
  updateCached(thread.parent_id, (c) => mapMessages(c, (m) => (m.id === starter ? { ...m, thread: summary } : m)));
}

type Handler = (data: never, myId: string) => void;

const HANDLERS: Record<string, Handler> = {
  MESSAGE_CREATE: (message: Message, myId) => messageCreated(message, myId),
  MESSAGE_UPDATE: (message: Message) => messageUpdated(message),
  MESSAGE_DELETE: ({ id, channel_id }: { id: string; channel_id: string }) => removeMessages(channel_id, [id]),
  MESSAGE_DELETE_BULK: ({ ids, channel_id }: { ids: string[]; channel_id: string }) => removeMessages(channel_id, ids),
  MESSAGE_REACTION_ADD: (event: ReactionEvent, myId) =>
    changeReaction(event.channel_id, event.message_id, reactionKey(event.emoji), 1, event.user_id === myId),
  MESSAGE_REACTION_REMOVE: (event: ReactionEvent, myId) =>
    changeReaction(event.channel_id, event.message_id, reactionKey(event.emoji), -1, event.user_id === myId),
  MESSAGE_REACTION_REMOVE_ALL: ({ channel_id, message_id }: { channel_id: string; message_id: string }) =>
    updateCached(channel_id, (c) => mapMessages(c, (m) => (m.id === message_id ? { ...m, reactions: [] } : m))),
  CHANNEL_PINS_UPDATE: ({ channel_id }: { channel_id: string }) =>
    pinsVersionStore.set((all) => ({ ...all, [channel_id]: (all[channel_id] ?? 0) + 1 })),
  TYPING_START: (event: TypingStart, myId) => {
    if (event.user_id !== myId) startTyping(event.channel_id, event.user_id);
  },
  READ_STATE_UPDATE: (state: ReadState) => putReadState(state),
  THREAD_CREATE: (thread: Thread) => threadChanged(thread),
  THREAD_UPDATE: (thread: Thread) => threadChanged(thread),
  THREAD_DELETE: ({ id }: { id: string }) => removeThread(id),
};

/** Called for every dispatch; READY after a lost session refills what the cached channels missed. */
export function applyChatDispatch(type: string, data: unknown, myId: string): void {
  if (type === "READY") {
    setReadStates((data as Ready).read_states as unknown as ReadState[]);
    if (Object.keys(messageStore.get().channels).length > 0) void refillCachedChannels();
    flushUnsentAcks();
    return;
  }
  if (type === "RESUMED") {
    flushUnsentAcks();
    return;
  }
  HANDLERS[type]?.(data as never, myId);
}

/** Signing out (or switching account) forgets everything the previous user had loaded. */
export function resetChat(): void {
  resetMessages();
  setReadStates([]);
  typingStore.set({});
  threadStore.set({});
}
