/**
 * Direct-message channels (from READY, then DM_CHANNEL_* dispatches) and relationships (loaded once per session,
 * then RELATIONSHIP_* dispatches). Newest conversation first, by its last message.
 */
import type { DmChannel, Message, PublicUser, Ready, Relationship } from "@nexus/protocol";
import { compareSnowflakes } from "@nexus/protocol";
import { Store } from "../../state/store.js";
import { dmApi } from "./dm-api.js";

export interface DmState {
  channels: Record<string, DmChannel>;
  /** By the other user's id; null until loaded. */
  relationships: Record<string, Relationship> | null;
}

const EMPTY: DmState = { channels: {}, relationships: null };
export const dmStore = new Store<DmState>(EMPTY);

export function resetDms(): void {
  dmStore.set(EMPTY);
}

export function upsertDmChannel(channel: DmChannel): void {
  dmStore.set((s) => ({ ...s, channels: { ...s.channels, [channel.id]: channel } }));
}

export function sortedDmChannels(channels: Record<string, DmChannel>): DmChannel[] {
  return Object.values(channels).sort((a, b) =>
    compareSnowflakes(b.last_message_id ?? b.id, a.last_message_id ?? a.id),
  );
}

/** "alice", "alice, bob and carol", or the group's own name. */
export function dmName(channel: DmChannel): string {
  if (channel.name) return channel.name;
  const names = channel.recipients.map(userName);
  if (names.length === 0) return "Just you";
  return names.length === 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

export const userName = (user: PublicUser) => user.display_name ?? user.username;

export async function loadRelationships(): Promise<void> {
  const list = await dmApi.relationships();
  dmStore.set((s) => ({ ...s, relationships: Object.fromEntries(list.map((r) => [r.id, r])) }));
}

/** Applies one gateway dispatch; others are ignored. */
export function applyDmDispatch(type: string, data: unknown): void {
  switch (type) {
    case "READY":
      dmStore.set({
        channels: Object.fromEntries((data as Ready).dm_channels.map((c) => [(c as DmChannel).id, c as DmChannel])),
        relationships: null,
      });
      void loadRelationships().catch(() => undefined);
      return;
    case "DM_CHANNEL_CREATE":
    case "DM_CHANNEL_UPDATE":
      upsertDmChannel(data as DmChannel);
      return;
    case "DM_CHANNEL_DELETE": {
      const { id } = data as { id: string };
      dmStore.set((s) => {
        const { [id]: _gone, ...channels } = s.channels;
        return { ...s, channels };
      });
      return;
    }
    case "MESSAGE_CREATE": {
      const message = data as Message;
      const channel = dmStore.get().channels[message.channel_id];
      if (channel) upsertDmChannel({ ...channel, last_message_id: message.id });
      return;
    }
    case "RELATIONSHIP_ADD": {
      const relationship = data as Relationship;
      dmStore.set((s) => ({ ...s, relationships: { ...(s.relationships ?? {}), [relationship.id]: relationship } }));
      return;
    }
    case "RELATIONSHIP_REMOVE":
      forgetRelationship((data as { id: string }).id);
      return;
  }
}

/** Drops a relationship: on RELATIONSHIP_REMOVE, and at once when this client's own removal succeeds. */
export function forgetRelationship(id: string): void {
  dmStore.set((s) => {
    if (!s.relationships?.[id]) return s;
    const { [id]: _gone, ...relationships } = s.relationships;
    return { ...s, relationships };
  });
}
