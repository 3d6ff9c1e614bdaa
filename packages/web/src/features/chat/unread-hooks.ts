/** Unread state for the sidebar and the server rail, read as primitives so components re-render only on change. */
import { communityStore } from "../../state/community.js";
import { useStore } from "../../state/store.js";
import { isMuted, notificationStore } from "../notifications/notification-store.js";
import { isUnread, readStateStore, summarize } from "./read-states.js";

export interface UnreadBadge {
  unread: boolean;
  mentions: number;
}

/** A muted channel is never shown unread; its mentions still count (as on Discord). */
export function useChannelUnread(channelId: string): UnreadBadge & { muted: boolean } {
  const muted = useStore(notificationStore, (all) => isMuted(all[channelId]));
  const unread = useStore(readStateStore, (all) => !muted && isUnread(all[channelId]));
  const mentions = useStore(readStateStore, (all) => all[channelId]?.mention_count ?? 0);
  return { unread, mentions, muted };
}

export function useGuildUnread(guildId: string): UnreadBadge {
  const channels = useStore(communityStore, (state) => state.guilds[guildId]?.channels);
  const ids = channels?.map((c) => c.id) ?? [];
  const settings = useStore(notificationStore, (all) => all);
  // A muted server shows no unread dot, and muted channels do not light up their server's.
  const loud = isMuted(settings[guildId]) ? [] : ids.filter((id) => !isMuted(settings[id]));
  const unread = useStore(readStateStore, (all) => summarize(all, loud).unread);
  const mentions = useStore(readStateStore, (all) => summarize(all, ids).mentions);
  return { unread, mentions };
}

/** ", unread, 2 mentions" for accessible names. */
export function describeUnread({ unread, mentions }: UnreadBadge): string {
  const parts = [unread ? "unread" : "", mentions > 0 ? `${mentions} ${mentions === 1 ? "mention" : "mentions"}` : ""];
  return parts
    .filter(Boolean)
    .map((part) => `, ${part}`)
    .join("");
}
