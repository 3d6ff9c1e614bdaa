/**
 * Read states: acking a message moves the user's last_read_id in that channel; unread and mention counts are
 * derived at read time from messages after it (so they are exact after any restart), and every session of the
 * user hears the ack. Also notification settings per guild and per channel.
 */
import type { AckMessage, NotificationSetting, ReadState, UpdateNotificationSetting } from "@nexus/protocol";
import { compareSnowflakes } from "@nexus/protocol";
import type { AccessService } from "../../access/access.service.js";
import type { EventPublisher } from "../../bus/bus.js";
import { userTopic } from "../../events/domain-events.js";
import type { MessagingStore } from "../../storage/messaging-store.js";
import type { NotificationSettingRow } from "../../storage/repositories/read-state.repository.js";
import type { ChannelAccess, ChannelView } from "./channel-access.js";
import { unknownMessage } from "./message.service.js";

export interface ReadStateServiceDeps {
  store: MessagingStore;
  access: ChannelAccess;
  guildAccess: AccessService;
  events: EventPublisher;
  /** The guilds the user is a member of. */
  guildIdsOf: (userId: string) => Promise<string[]>;
  /** The DM channels the user is in. */
  dmChannelIdsOf: (userId: string) => Promise<string[]>;
}

export class ReadStateService {
  constructor(private readonly deps: ReadStateServiceDeps) {}

  /**
   * Marks everything up to `messageId` read. A plain ack only moves the marker forwards, so a late ack from one
   * device cannot undo a newer one from another. A manual ack (Mark Unread) sets it exactly, also backwards, and
   * may name an id just below a message rather than a message (to make a channel's first message unread).
   */
  async ack(userId: string, channelId: string, messageId: string, { manual }: AckMessage): Promise<ReadState> {
    const view = await this.deps.access.require(userId, channelId, "READ_MESSAGE_HISTORY");
    if (!manual && !(await this.deps.store.repos.messages.findInChannel(channelId, messageId))) throw unknownMessage();
    await this.deps.store.repos.readStates.ack(userId, channelId, messageId, Date.now(), manual === true);
    const [computed] = await this.compute(userId, [channelId], this.targetsFor(userId, [view]));
    if (!computed) throw new Error("read state vanished after ack");
    const state: ReadState = manual ? { ...computed, manual: true } : computed;
    await this.deps.events.publish(userTopic(userId), { type: "READ_STATE_UPDATE", data: state });
    return state;
  }

  /** Every channel the user can read now (guild channels, active threads they joined, DMs) with its counts. */
  async list(userId: string): Promise<ReadState[]> {
    const channelIds: string[] = [];
    const targets = new Set<string>([userId]);
    for (const guildId of await this.deps.guildIdsOf(userId)) {
      const member = await this.deps.guildAccess.memberOrUndefined(guildId, userId);
      if (!member) continue;
      targets.add(guildId);
      for (const roleId of member.member.role_ids) targets.add(roleId);
      const { readable } = await this.deps.access.readableInGuild(userId, guildId);
      channelIds.push(...readable);
    }
    channelIds.push(...(await this.deps.dmChannelIdsOf(userId)));
    return this.compute(userId, channelIds, [...targets]);
  }

  async notificationSettings(userId: string): Promise<NotificationSetting[]> {
    return (await this.deps.store.repos.readStates.notificationSettings(userId)).map(toNotificationSetting);
  }

  async updateGuildNotifications(userId: string, guildId: string, changes: UpdateNotificationSetting) {
    await this.deps.guildAccess.member(guildId, userId);
    return this.saveNotifications(userId, "guild", guildId, changes);
  }

  async updateChannelNotifications(userId: string, channelId: string, changes: UpdateNotificationSetting) {
    await this.deps.access.view(userId, channelId);
    return this.saveNotifications(userId, "channel", channelId, changes);
  }

  private async saveNotifications(
    userId: string,
    scope: "guild" | "channel",
    scopeId: string,
    changes: UpdateNotificationSetting,
  ): Promise<NotificationSetting> {
    const { readStates } = this.deps.store.repos;
    const current = (await readStates.notificationSettings(userId)).find((s) => s.scope_id === scopeId);
    const row: NotificationSettingRow = {
      user_id: userId,
      scope_id: scopeId,
      scope,
      level: changes.level !== undefined ? changes.level : (current?.level ?? null),
      muted_until:
        changes.muted_until !== undefined
          ? changes.muted_until === null
            ? null
            : Date.parse(changes.muted_until)
          : (current?.muted_until ?? null),
    };
    await readStates.saveNotificationSetting(row);
    const setting = toNotificationSetting(row);
    await this.deps.events.publish(userTopic(userId), { type: "NOTIFICATION_SETTINGS_UPDATE", data: setting });
    return setting;
  }

  private targetsFor(userId: string, views: ChannelView[]): string[] {
    const targets = new Set([userId]);
    for (const view of views) {
      if (!view.guildId || !view.member) continue;
      targets.add(view.guildId);
      for (const roleId of view.member.member.role_ids) targets.add(roleId);
    }
    return [...targets];
  }

  private async compute(userId: string, channelIds: string[], targets: string[]): Promise<ReadState[]> {
    const { readStates } = this.deps.store.repos;
    const [lastRead, lastMessages, mentions] = await Promise.all([
      readStates.lastRead(userId, channelIds),
      readStates.lastMessages(channelIds),
      readStates.mentionCounts(userId, channelIds, targets),
    ]);
    return channelIds.map((channelId) => {
      const read = lastRead.get(channelId) ?? null;
      const last = lastMessages.get(channelId) ?? null;
      return {
        channel_id: channelId,
        last_read_id: read,
        last_message_id: last,
        unread: last !== null && (read === null || compareSnowflakes(last, read) > 0),
        mention_count: mentions.get(channelId)?.mentions ?? 0,
        direct_mention_count: mentions.get(channelId)?.direct ?? 0,
      };
    });
  }
}

function toNotificationSetting(row: NotificationSettingRow): NotificationSetting {
  return {
    scope: row.scope,
    id: row.scope_id,
    level: row.level as NotificationSetting["level"],
    muted_until: row.muted_until === null ? null : new Date(row.muted_until).toISOString(),
  };
}
