/**
 * The per-channel message cache: a window of each visited channel's history, oldest first, kept current by gateway
 * events, so switching back to a channel shows its messages at once. Messages being sent sit at the end with a
 * local id until the server's copy (matched by nonce) replaces them.
 */
import type { Message, Reaction } from "@nexus/protocol";
import { Store } from "../../state/store.js";
import { emojiFromKey, reactionKey } from "../emoji/emoji-keys.js";

export type SendStatus = "sending" | "failed";

export interface ChatMessage extends Message {
  /** Present only on messages this client is still sending or failed to send. */
  local?: { status: SendStatus; error?: string };
}

export interface ChannelMessages {
  messages: ChatMessage[];
  /** Older history exists before messages[0]. */
  hasOlder: boolean;
  /** The window sits in the past (after a jump): newer messages exist after the last one. */
  hasNewer: boolean;
  loading: "idle" | "initial" | "older" | "newer";
  /** A message to scroll to and highlight (a jump target). */
  focusId: string | null;
}

export interface MessagesState {
  channels: Record<string, ChannelMessages>;
}

export const messageStore = new Store<MessagesState>({ channels: {} });

const EMPTY_CHANNEL: ChannelMessages = {
  messages: [],
  hasOlder: true,
  hasNewer: false,
  loading: "idle",
  focusId: null,
};

/** Snowflakes are decimal strings: a longer one is newer, equal lengths compare as text. */
export function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

export const isLocal = (message: ChatMessage): boolean => message.local !== undefined;

export function channelOf(channelId: string): ChannelMessages {
  return messageStore.get().channels[channelId] ?? EMPTY_CHANNEL;
}

export function updateChannel(channelId: string, fn: (channel: ChannelMessages) => ChannelMessages): void {
  messageStore.set((state) => {
    const before = state.channels[channelId] ?? EMPTY_CHANNEL;
    const after = fn(before);
    return after === before ? state : { channels: { ...state.channels, [channelId]: after } };
  });
}

/** Updates a channel only if it is cached: events about channels never opened are not worth keeping. */
export function updateCached(channelId: string, fn: (channel: ChannelMessages) => ChannelMessages): void {
  if (messageStore.get().channels[channelId]) updateChannel(channelId, fn);
}

export function forgetChannel(channelId: string): void {
  messageStore.set((state) => {
    const { [channelId]: _gone, ...channels } = state.channels;
    return { channels };
  });
}

export function resetMessages(): void {
  messageStore.set({ channels: {} });
}

/** Merges server messages (any order) into the window, oldest first, local messages kept last. */
export function mergeMessages(existing: ChatMessage[], incoming: Message[]): ChatMessage[] {
  const byId = new Map<string, ChatMessage>();
  const locals: ChatMessage[] = [];
  for (const message of existing) {
    if (isLocal(message)) locals.push(message);
    else byId.set(message.id, message);
  }
  const arrivedNonces = new Set<string>();
  for (const message of incoming) {
    byId.set(message.id, message);
    if (message.nonce) arrivedNonces.add(message.nonce);
  }
  const sorted = [...byId.values()].sort((a, b) => compareIds(a.id, b.id));
  return [...sorted, ...locals.filter((m) => !m.nonce || !arrivedNonces.has(m.nonce))];
}

export function mapMessages(channel: ChannelMessages, fn: (message: ChatMessage) => ChatMessage): ChannelMessages {
  let changed = false;
  const messages = channel.messages.map((message) => {
    const next = fn(message);
    if (next !== message) changed = true;
    return next;
  });
  return changed ? { ...channel, messages } : channel;
}

/**
 * Adds or removes one user's reaction, counting the viewer's own only once however often it is reported. `emoji` is
 * a reaction key (see features/emoji/emoji-keys.ts).
 */
export function applyReaction(reactions: Reaction[], emoji: string, delta: 1 | -1, mine: boolean): Reaction[] {
  const index = reactions.findIndex((r) => reactionKey(r.emoji) === emoji);
  const current = reactions[index];
  if (mine && current && current.me === (delta === 1)) return reactions;
  if (!current) {
    return delta === 1 ? [...reactions, { emoji: emojiFromKey(emoji), count: 1, me: mine }] : reactions;
  }
  const count = current.count + delta;
  const next = { ...current, count, me: mine ? delta === 1 : current.me };
  return count <= 0 ? reactions.filter((_, i) => i !== index) : reactions.map((r, i) => (i === index ? next : r));
}

/** The newest message the server has confirmed in this window. */
export function newestConfirmed(channel: ChannelMessages): ChatMessage | undefined {
  return channel.messages.findLast((m) => !isLocal(m));
}
