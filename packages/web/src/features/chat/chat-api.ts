/** Messages, reactions, pins, read markers, typing and threads over REST (docs/protocol/messages.md). */
import type { AckMessage, CreateMessage, Message, ReadState, Thread } from "@nexus/protocol";
import { api } from "../../state/session.js";

export type HistoryAnchor = { before: string } | { after: string } | { around: string } | Record<string, never>;

const emojiPath = (emoji: string) => encodeURIComponent(emoji);

export const chatApi = {
  /** Newest first, as the server answers in every mode. */
  history(channelId: string, anchor: HistoryAnchor, limit = 50): Promise<Message[]> {
    const query = new URLSearchParams({ ...anchor, limit: String(limit) });
    return api.get<Message[]>(`/channels/${channelId}/messages?${query}`);
  },
  send: (channelId: string, body: CreateMessage) => api.post<Message>(`/channels/${channelId}/messages`, body),
  edit: (channelId: string, messageId: string, content: string) =>
    api.patch<Message>(`/channels/${channelId}/messages/${messageId}`, { content }),
  remove: (channelId: string, messageId: string) => api.delete<void>(`/channels/${channelId}/messages/${messageId}`),
  react: (channelId: string, messageId: string, emoji: string) =>
    api.put<void>(`/channels/${channelId}/messages/${messageId}/reactions/${emojiPath(emoji)}/@me`),
  unreact: (channelId: string, messageId: string, emoji: string) =>
    api.delete<void>(`/channels/${channelId}/messages/${messageId}/reactions/${emojiPath(emoji)}/@me`),
  pins: (channelId: string) => api.get<Message[]>(`/channels/${channelId}/pins`),
  pin: (channelId: string, messageId: string) => api.put<void>(`/channels/${channelId}/pins/${messageId}`),
  unpin: (channelId: string, messageId: string) => api.delete<void>(`/channels/${channelId}/pins/${messageId}`),
  ack: (channelId: string, messageId: string, body: AckMessage = {}) =>
    api.post<ReadState>(`/channels/${channelId}/messages/${messageId}/ack`, body),
  typing: (channelId: string) => api.post<void>(`/channels/${channelId}/typing`),
  startThread: (channelId: string, messageId: string, name: string) =>
    api.post<Thread>(`/channels/${channelId}/messages/${messageId}/threads`, { name }),
  activeThreads: (guildId: string) => api.get<Thread[]>(`/guilds/${guildId}/threads/active`),
  archivedThreads: (channelId: string) =>
    api.get<{ threads: Thread[]; has_more: boolean }>(`/channels/${channelId}/threads/archived`),
  thread: (threadId: string) => api.get<Thread>(`/threads/${threadId}`),
};
