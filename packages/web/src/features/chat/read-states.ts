/**
 * What the user has read where: filled from READY, moved by READ_STATE_UPDATE (from any of their devices) and by
 * new messages, so the sidebar's bold channels and mention badges and the rail's dots stay live.
 */
import type { Message, ReadState } from "@nexus/protocol";
import { Store, useStore } from "../../state/store.js";
import { compareIds } from "./message-store.js";

export interface ChannelReadState {
  /** What this client shows as read (moves at once when you view or send). */
  last_read_id: string | null;
  /** What the server has recorded (READY, READ_STATE_UPDATE, ack answers): what is left to acknowledge. */
  server_read_id: string | null;
  last_message_id: string | null;
  mention_count: number;
  /** Of mention_count, the mentions of you by name (the only ones a channel set to "nothing" still shows). */
  direct_mention_count: number;
  /** Marked unread by hand (here or on another device): not read again just by looking until you leave it. */
  held: boolean;
}

export const readStateStore = new Store<Record<string, ChannelReadState>>({});

export function isUnread(state: ChannelReadState | undefined): boolean {
  if (!state?.last_message_id) return false;
  return !state.last_read_id || compareIds(state.last_message_id, state.last_read_id) > 0;
}

export function setReadStates(states: ReadState[]): void {
  readStateStore.set(
    Object.fromEntries(
      states.map((s) => [
        s.channel_id,
        {
          last_read_id: s.last_read_id,
          server_read_id: s.last_read_id,
          last_message_id: s.last_message_id,
          mention_count: s.mention_count,
          direct_mention_count: s.direct_mention_count,
          held: false,
        },
      ]),
    ),
  );
}

/**
 * A read state from the server. What this client already shows as read is not moved back by a late answer, except
 * by a manual one (Mark Unread, from any device), which also holds the channel unread while it is on screen.
 */
export function putReadState(state: ReadState): void {
  readStateStore.set((all) => {
    const current = all[state.channel_id];
    const local = current?.last_read_id ?? null;
    const newer = !state.manual && local && (!state.last_read_id || compareIds(local, state.last_read_id) > 0);
    return {
      ...all,
      [state.channel_id]: {
        last_read_id: newer ? local : state.last_read_id,
        server_read_id: state.last_read_id,
        last_message_id: state.last_message_id,
        mention_count: newer ? 0 : state.mention_count,
        direct_mention_count: newer ? 0 : state.direct_mention_count,
        held: state.manual === true || (current?.held ?? false),
      },
    };
  });
}

/** Leaving a channel marked unread by hand lets viewing it read it again. */
export function releaseHold(channelId: string): void {
  if (!readStateStore.get()[channelId]?.held) return;
  readStateStore.set((all) => ({ ...all, [channelId]: { ...(all[channelId] as ChannelReadState), held: false } }));
}

/** Marks a channel read up to a message locally, before the server confirms the ack. */
export function markReadLocally(channelId: string, messageId: string): void {
  readStateStore.set((all) => {
    const current = all[channelId];
    return {
      ...all,
      [channelId]: {
        last_read_id: messageId,
        server_read_id: current?.server_read_id ?? null,
        last_message_id:
          current?.last_message_id && compareIds(current.last_message_id, messageId) > 0
            ? current.last_message_id
            : messageId,
        mention_count: 0,
        direct_mention_count: 0,
        held: false,
      },
    };
  });
}

/** Whether a message mentions this user by name. */
function namesMe(message: Message, myId: string): boolean {
  return message.mentions.some((user) => user.id === myId);
}

/** Whether a message mentions this user: directly, through one of their roles, or @everyone/@here. */
export function mentionsMe(message: Message, myId: string, myRoleIds: readonly string[]): boolean {
  return (
    message.mention_everyone || namesMe(message, myId) || message.mention_roles.some((role) => myRoleIds.includes(role))
  );
}

/** A new message moves the channel's newest id; someone else's mention of me counts as a mention. */
export function noteNewMessage(message: Message, myId: string, myRoleIds: readonly string[]): void {
  if (message.author.id === myId) {
    // Your own message reads the channel once. Its gateway echo after this tab's send was answered (perhaps after
    // a Mark Unread) is not news and must not read the channel again.
    const known = readStateStore.get()[message.channel_id]?.last_message_id;
    if (!known || compareIds(message.id, known) > 0) markReadLocally(message.channel_id, message.id);
    return;
  }
  readStateStore.set((all) => {
    const current = all[message.channel_id] ?? {
      last_read_id: null,
      server_read_id: null,
      last_message_id: null,
      mention_count: 0,
      direct_mention_count: 0,
      held: false,
    };
    return {
      ...all,
      [message.channel_id]: {
        ...current,
        last_message_id: message.id,
        mention_count: current.mention_count + (mentionsMe(message, myId, myRoleIds) ? 1 : 0),
        direct_mention_count: current.direct_mention_count + (namesMe(message, myId) ? 1 : 0),
      },
    };
  });
}

export function useReadState(channelId: string): ChannelReadState | undefined {
  return useStore(readStateStore, (all) => all[channelId]);
}
