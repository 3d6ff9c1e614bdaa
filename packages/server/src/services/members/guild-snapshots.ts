/** Builds GuildSnapshot shapes (GET /guilds/{id}, GUILD_CREATE, the gateway's READY). */
import type { GuildSnapshot } from "@nexus/protocol";
import type { Store } from "../../storage/store.js";
import { toEmoji } from "../emojis/emoji.service.js";
import { toChannel, toGuild, toRole } from "../guilds/community-presenter.js";

export class GuildSnapshots {
  constructor(private readonly store: Store) {}

  /** The guild with every role and channel; `visibleChannelIds` narrows the channels to what a viewer sees. */
  async full(guildId: string, visibleChannelIds?: readonly string[]): Promise<GuildSnapshot | undefined> {
    const { guilds, roles, channels, members, emojis } = this.store.repos;
    const guild = await guilds.findById(guildId);
    if (!guild) return undefined;
    const [roleRows, channelRows, overwrites, memberCount, emojiRows] = await Promise.all([
      roles.listByGuild(guildId),
      channels.listByGuild(guildId),
      channels.overwritesForGuild(guildId),
      members.count(guildId),
      emojis.listByGuild(guildId),
    ]);
    const visible = visibleChannelIds ? new Set(visibleChannelIds) : undefined;
    const byChannel = new Map<string, typeof overwrites>();
    for (const o of overwrites) byChannel.set(o.channel_id, [...(byChannel.get(o.channel_id) ?? []), o]);
    return {
      ...toGuild(guild),
      roles: roleRows.map(toRole),
      channels: channelRows
        .filter((c) => !visible || visible.has(c.id))
        .map((c) => toChannel(c, byChannel.get(c.id) ?? [])),
      member_count: memberCount,
      emojis: emojiRows.map(toEmoji),
    };
  }
}
