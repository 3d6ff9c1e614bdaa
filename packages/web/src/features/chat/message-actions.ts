/**
 * Loading history and the things a user does to messages. Sends are optimistic: the message shows at once with
 * a nonce, and a failed one stays visible to retry (with the same nonce, so a send that did reach the server is
 * never doubled) or discard.
 */
import type { Attachment, CurrentUser, Message } from "@nexus/protocol";
import { ApiError, describeError } from "../../api/api-error.js";
import { reactionKey } from "../emoji/emoji-keys.js";
import { chatApi, type HistoryAnchor } from "./chat-api.js";
import {
  applyReaction,
  type ChannelMessages,
  type ChatMessage,
  channelOf,
  isLocal,
  mapMessages,
  mergeMessages,
  messageStore,
  newestConfirmed,
  updateCached,
  updateChannel,
} from "./message-store.js";
import { markReadLocally, putReadState } from "./read-states.js";

const PAGE = 50;
/** Refill after a lost session: if more than this arrived meanwhile, start again from the newest page. */
const REFILL_PAGE = 100;

const inFlight = new Set<string>();

async function once(key: string, task: () => Promise<void>): Promise<void> {
  if (inFlight.has(key)) return;
  inFlight.add(key);
  try {
    await task();
  } finally {
    inFlight.delete(key);
  }
}

function setLoading(channelId: string, loading: ChannelMessages["loading"]): void {
  updateChannel(channelId, (c) => (c.loading === loading ? c : { ...c, loading }));
}

async function fetchPage(channelId: string, anchor: HistoryAnchor, limit = PAGE): Promise<Message[] | null> {
  try {
    return await chatApi.history(channelId, anchor, limit);
  } catch {
    setLoading(channelId, "idle");
    return null;
  }
}

/** Opens a channel: cached messages show at once; the newest page is fetched only the first time. */
export function openChannel(channelId: string): Promise<void> {
  if (messageStore.get().channels[channelId]) return Promise.resolve();
  return once(`latest:${channelId}`, async () => {
    setLoading(channelId, "initial");
    const page = await fetchPage(channelId, {});
    if (!page) return;
    updateChannel(channelId, (c) => ({
      ...c,
      messages: mergeMessages(c.messages, page),
      hasOlder: page.length === PAGE,
      hasNewer: false,
      loading: "idle",
    }));
  });
}

export function loadOlder(channelId: string): Promise<void> {
  return once(`older:${channelId}`, async () => {
    const channel = channelOf(channelId);
    const oldest = channel.messages.find((m) => !isLocal(m));
    if (!channel.hasOlder || !oldest) return;
    setLoading(channelId, "older");
    const page = await fetchPage(channelId, { before: oldest.id });
    if (!page) return;
    updateChannel(channelId, (c) => ({
      ...c,
      messages: mergeMessages(c.messages, page),
      hasOlder: page.length === PAGE,
      loading: "idle",
    }));
  });
}

export function loadNewer(channelId: string): Promise<void> {
  return once(`newer:${channelId}`, async () => {
    const channel = channelOf(channelId);
    const newest = newestConfirmed(channel);
    if (!channel.hasNewer || !newest) return;
    setLoading(channelId, "newer");
    const page = await fetchPage(channelId, { after: newest.id });
    if (!page) return;
    updateChannel(channelId, (c) => ({
      ...c,
      messages: mergeMessages(c.messages, page),
      hasNewer: page.length === PAGE,
      loading: "idle",
    }));
  });
}

/** Shows a message: scrolls to it if loaded, else replaces the window with the history around it. */
export async function jumpToMessage(channelId: string, messageId: string): Promise<void> {
  if (channelOf(channelId).messages.some((m) => m.id === messageId)) {
    updateChannel(channelId, (c) => ({ ...c, focusId: messageId }));
    return;
  }
  setLoading(channelId, "initial");
  const page = await fetchPage(channelId, { around: messageId });
  if (!page) return;
  updateChannel(channelId, (c) => ({
    messages: mergeMessages(c.messages.filter(isLocal), page),
    hasOlder: true,
    hasNewer: true,
    loading: "idle",
    focusId: page.some((m) => m.id === messageId) ? messageId : null,
  }));
}

export function clearFocus(channelId: string): void {
  updateChannel(channelId, (c) => (c.focusId === null ? c : { ...c, focusId: null }));
}

/** Back to the newest messages after a jump into the past. */
export async function jumpToPresent(channelId: string): Promise<void> {
  if (!channelOf(channelId).hasNewer) return;
  setLoading(channelId, "initial");
  const page = await fetchPage(channelId, {});
  if (!page) return;
  updateChannel(channelId, (c) => ({
    messages: mergeMessages(c.messages.filter(isLocal), page),
    hasOlder: page.length === PAGE,
    hasNewer: false,
    loading: "idle",
    focusId: null,
  }));
}

/**
 * After the gateway had to start a new session, events may have been missed: fetch what came after the newest
 * message of every cached channel (or drop a channel's cache when too much came to fill the gap).
 */
export async function refillCachedChannels(): Promise<void> {
  const { channels } = messageStore.get();
  await Promise.all(
    Object.entries(channels).map(async ([channelId, channel]) => {
      const newest = newestConfirmed(channel);
      if (channel.hasNewer || !newest) return;
      const page = await fetchPage(channelId, { after: newest.id }, REFILL_PAGE);
      if (!page) return;
      if (page.length === REFILL_PAGE) {
        const latest = await fetchPage(channelId, {});
        if (!latest) return;
        updateChannel(channelId, (c) => ({
          ...c,
          messages: mergeMessages(c.messages.filter(isLocal), latest),
          hasOlder: latest.length === PAGE,
        }));
        return;
      }
      updateChannel(channelId, (c) => ({ ...c, messages: mergeMessages(c.messages, page) }));
    }),
  );
}

/** Acks that failed (offline): sent again once the gateway is back. */
const unsentAcks = new Map<string, string>();

/** Marks a channel read up to a message: at once here, then on the server (retried after a reconnect if it fails). */
export function ackChannel(channelId: string, messageId: string): void {
  markReadLocally(channelId, messageId);
  unsentAcks.delete(channelId);
  chatApi.ack(channelId, messageId).then(putReadState, () => unsentAcks.set(channelId, messageId));
}

/**
 * Mark Unread: the read marker goes to just below this message (a manual ack, the only kind the server lets move
 * back), so the channel is unread from it here and on the user's other devices.
 */
export async function markUnread(message: ChatMessage): Promise<void> {
  const below = (BigInt(message.id) - 1n).toString();
  unsentAcks.delete(message.channel_id);
  putReadState(await chatApi.ack(message.channel_id, below, { manual: true }));
}

export function flushUnsentAcks(): void {
  for (const [channelId, messageId] of [...unsentAcks]) ackChannel(channelId, messageId);
}

function makeNonce(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 12)}`;
}

/** The replied-to message as a reference: without its own reference or local send state. */
function asReference(message: ChatMessage): Message["referenced_message"] {
  const { local: _local, referenced_message: _reference, ...reference } = message;
  return reference;
}

function localMessage(
  channelId: string,
  guildId: string | null,
  author: CurrentUser,
  content: string,
  nonce: string,
  replyTo: ChatMessage | null,
  attachments: Attachment[],
): ChatMessage {
  return {
    id: `local-${nonce}`,
    channel_id: channelId,
    guild_id: guildId,
    author: {
      id: author.id,
      username: author.username,
      display_name: author.display_name,
      avatar: author.avatar,
      bio: null,
      pronouns: null,
      accent_color: null,
      bot: false,
      created_at: author.created_at,
    },
    content,
    created_at: new Date().toISOString(),
    edited_at: null,
    reply_to: replyTo?.id ?? null,
    referenced_message: replyTo ? asReference(replyTo) : null,
    mentions: [],
    mention_roles: [],
    mention_channels: [],
    mention_everyone: false,
    reactions: [],
    pinned: false,
    attachments,
    embeds: [],
    flags: 0,
    thread: null,
    nonce,
    local: { status: "sending" },
  };
}

function setLocalStatus(channelId: string, nonce: string, local: ChatMessage["local"]): void {
  updateCached(channelId, (c) => mapMessages(c, (m) => (isLocal(m) && m.nonce === nonce ? { ...m, local } : m)));
}

function failureText(error: unknown): string {
  if (error instanceof ApiError && error.code === "RATE_LIMITED" && error.retryAfter) {
    return `Slowmode is on: wait ${Math.ceil(error.retryAfter)} s, then retry.`;
  }
  return describeError(error);
}

/** Retry-after seconds when the server refused a send for slowmode, so the composer can count down. */
export type SendResult = { ok: true } | { ok: false; retryAfter?: number };

async function deliver(message: ChatMessage): Promise<SendResult> {
  const nonce = message.nonce ?? "";
  try {
    const sent = await chatApi.send(message.channel_id, {
      content: message.content,
      nonce,
      ...(message.reply_to ? { reply_to: message.reply_to } : {}),
      ...(message.attachments.length > 0 ? { attachment_ids: message.attachments.map((a) => a.id) } : {}),
    });
    updateCached(message.channel_id, (c) => ({ ...c, messages: mergeMessages(c.messages, [sent]) }));
    markReadLocally(sent.channel_id, sent.id);
    return { ok: true };
  } catch (error) {
    setLocalStatus(message.channel_id, nonce, { status: "failed", error: failureText(error) });
    const retryAfter = error instanceof ApiError && error.code === "RATE_LIMITED" ? error.retryAfter : undefined;
    return retryAfter ? { ok: false, retryAfter } : { ok: false };
  }
}

export async function sendMessage(
  channelId: string,
  guildId: string | null,
  author: CurrentUser,
  content: string,
  replyTo: ChatMessage | null,
  attachments: Attachment[] = [],
): Promise<SendResult> {
  if (channelOf(channelId).hasNewer) await jumpToPresent(channelId);
  const message = localMessage(channelId, guildId, author, content, makeNonce(), replyTo, attachments);
  updateChannel(channelId, (c) => ({ ...c, messages: [...c.messages, message] }));
  return deliver(message);
}

export function retrySend(message: ChatMessage): Promise<SendResult> {
  setLocalStatus(message.channel_id, message.nonce ?? "", { status: "sending" });
  return deliver(message);
}

export function discardFailed(message: ChatMessage): void {
  updateCached(message.channel_id, (c) => ({ ...c, messages: c.messages.filter((m) => m !== message) }));
}

export async function editMessage(message: ChatMessage, content: string): Promise<void> {
  const edited = await chatApi.edit(message.channel_id, message.id, content);
  updateCached(message.channel_id, (c) =>
    mapMessages(c, (m) => (m.id === edited.id ? { ...edited, reactions: m.reactions } : m)),
  );
}

export async function deleteMessage(message: ChatMessage): Promise<void> {
  await chatApi.remove(message.channel_id, message.id);
  removeMessages(message.channel_id, [message.id]);
}

export function removeMessages(channelId: string, ids: readonly string[]): void {
  const gone = new Set(ids);
  updateCached(channelId, (c) => {
    const kept = { ...c, messages: c.messages.filter((m) => !gone.has(m.id)) };
    return mapMessages(kept, (m) =>
      m.reply_to && gone.has(m.reply_to) && m.referenced_message ? { ...m, referenced_message: null } : m,
    );
  });
}

export function changeReaction(channelId: string, messageId: string, emoji: string, delta: 1 | -1, mine: boolean) {
  updateCached(channelId, (c) =>
    mapMessages(c, (m) =>
      m.id === messageId ? { ...m, reactions: applyReaction(m.reactions, emoji, delta, mine) } : m,
    ),
  );
}

/** Adds the viewer's reaction, or takes it back; shown at once and undone if the server refuses. */
export async function toggleReaction(message: ChatMessage, emoji: string): Promise<void> {
  const mine = message.reactions.find((r) => reactionKey(r.emoji) === emoji)?.me ?? false;
  const delta = mine ? -1 : 1;
  changeReaction(message.channel_id, message.id, emoji, delta, true);
  try {
    if (mine) await chatApi.unreact(message.channel_id, message.id, emoji);
    else await chatApi.react(message.channel_id, message.id, emoji);
  } catch {
    changeReaction(message.channel_id, message.id, emoji, delta === 1 ? -1 : 1, true);
  }
}

export async function setPinned(message: ChatMessage, pinned: boolean): Promise<void> {
  if (pinned) await chatApi.pin(message.channel_id, message.id);
  else await chatApi.unpin(message.channel_id, message.id);
  updateCached(message.channel_id, (c) => mapMessages(c, (m) => (m.id === message.id ? { ...m, pinned } : m)));
}
