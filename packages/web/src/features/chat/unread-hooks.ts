/**
 * Unread state for the sidebar and the server rail, as Discord shows it: a channel is bold only at the level "all
 * messages" and when not muted; its badge counts every mention at "all" and "only @mentions", and only mentions of
 * you by name at "nothing" (no @everyone, @here or roles). A channel's own level overrides its server's.
 * Hooks read primitives so components re-render only on change.
 */
import type { NotificationSetting } from "@nexus/protocol";
import { communityStore } from "../../state/community.js";
import { useStore } from "../../state/store.js";
import { effectiveLevel, isMuted, notificationStore } from "../notifications/notification-store.js";
import { type ChannelReadState, isUnread, readStateStore } from "./read-states.js";

export interface UnreadBadge {
  unread: boolean;
  mentions: number;
}

function badgeOf(
  state: ChannelReadState | undefined,
  settings: Record<string, NotificationSetting>,
  channelId: string,
  guildId: string | null,
): UnreadBadge & { muted: boolean } {
  const muted = isMuted(settings[channelId]);
  const level = effectiveLevel(settings, channelId, guildId);
  return {
    unread: !muted && level === "all" && isUnread(state),
    mentions: (level === "nothing" ? state?.direct_mention_count : state?.mention_count) ?? 0,
    muted,
  };
}

/** A muted channel is faded and never bold; its mentions still count, as on Discord. */
export function useChannelUnread(channelId: string, guildId: string | null): UnreadBadge & { muted: boolean } {
  const settings = useStore(notificationStore, (all) => all);
  const muted = isMuted(settings[channelId]);
  const unread = useStore(readStateStore, (all) => badgeOf(all[channelId], settings, channelId, guildId).unread);
  const mentions = useStore(readStateStore, (all) => badgeOf(all[channelId], settings, channelId, guildId).mentions);
  return { unread, mentions, muted };
}

export function useGuildUnread(guildId: string): UnreadBadge {
  const channels = useStore(communityStore, (state) => state.guilds[guildId]?.channels);
  const settings = useStore(notificationStore, (all) => all);
  const badges = (all: Record<string, ChannelReadState>) =>
    (channels ?? []).map((channel) => badgeOf(all[channel.id], settings, channel.id, guildId));
  // A muted server shows no unread dot (its mentions still count).
  const serverMuted = isMuted(settings[guildId]);
  const unread = useStore(readStateStore, (all) => !serverMuted && badges(all).some((badge) => badge.unread));
  const mentions = useStore(readStateStore, (all) => badges(all).reduce((sum, badge) => sum + badge.mentions, 0));
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
