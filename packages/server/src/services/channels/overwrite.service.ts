/** Channel permission overwrites per role or member: PUT and DELETE /channels/{id}/permissions/{target}. */
import { type AuditLogChange, type Channel, type PutOverwrite, parsePermissions } from "@nexus/protocol";
import type { AccessService } from "../../access/access.service.js";
import { DomainError, invalidField } from "../../errors.js";
import type { SnowflakeGenerator } from "../../ids/snowflake.js";
import type { OverwriteRow } from "../../storage/repositories/channel.repository.js";
import type { Repositories, Store } from "../../storage/store.js";
import { type Actor, auditEntry, createdChanges, diffChanges } from "../audit/audit-entry.js";
import type { CommunityEvents } from "../community-events.js";
import type { ChannelService } from "./channel.service.js";

export interface OverwriteServiceDeps {
  store: Store;
  access: AccessService;
  events: CommunityEvents;
  channels: ChannelService;
  ids: SnowflakeGenerator;
  now: () => number;
}

/** Each overwrite must target a role of the guild or one of its members, with the matching type. */
export async function assertOverwriteTargets(
  repos: Repositories,
  guildId: string,
  overwrites: readonly OverwriteRow[],
) {
  for (const o of overwrites) {
    const exists =
      o.type === "role"
        ? (await repos.roles.find(guildId, o.target_id)) !== undefined
        : (await repos.members.find(guildId, o.target_id)) !== undefined;
    if (!exists) {
      throw new DomainError(
        o.type === "role" ? "UNKNOWN_ROLE" : "UNKNOWN_MEMBER",
        `No ${o.type} ${o.target_id} in this server.`,
        { fields: { id: `is not a ${o.type} of this server` } },
      );
    }
  }
}

/**
 * A created overwrite lists every field; an updated one names its target (`id`, unchanged, so the entry says which
 * overwrite it was) and only the fields that changed.
 */
function overwriteChanges(existing: OverwriteRow | undefined, row: OverwriteRow): AuditLogChange[] {
  if (!existing) return createdChanges({ id: row.target_id, type: row.type, allow: row.allow, deny: row.deny });
  return [
    { key: "id", old_value: existing.target_id, new_value: row.target_id },
    ...diffChanges(existing, row, ["type", "allow", "deny"]),
  ];
}

export class OverwriteService {
  constructor(private readonly deps: OverwriteServiceDeps) {}

  /** Needs MANAGE_ROLES in the channel, and only bits the actor holds there may change. */
  async put(actor: Actor, channelId: string, targetId: string, input: PutOverwrite): Promise<Channel> {
    const access = await this.deps.access.channel(channelId, actor.userId, "MANAGE_ROLES");
    const guildId = access.guild.id;
    const allow = parsePermissions(input.allow);
    const deny = parsePermissions(input.deny);
    if ((allow & deny) !== 0n) throw invalidField("deny", "must not share bits with allow");
    const row: OverwriteRow = {
      channel_id: channelId,
      target_id: targetId,
      guild_id: guildId,
      type: input.type,
      allow: allow.toString(),
      deny: deny.toString(),
    };
    const channel = await this.deps.store.transaction(async (repos) => {
      await assertOverwriteTargets(repos, guildId, [row]);
      const existing = (await repos.channels.overwritesForChannel(channelId)).find((o) => o.target_id === targetId);
      const oldAllow = existing ? parsePermissions(existing.allow) : 0n;
      const oldDeny = existing ? parsePermissions(existing.deny) : 0n;
      access.requireCanGrant((allow ^ oldAllow) | (deny ^ oldDeny), channelId);
      await repos.channels.putOverwrite(row);
      await repos.guilds.bumpAccessVersion(guildId);
      await repos.auditLog.insert(
        auditEntry(this.deps.ids, {
          guildId,
          actor,
          action: existing ? "channel_overwrite_update" : "channel_overwrite_create",
          targetId: channelId,
          changes: overwriteChanges(existing, row),
          now: this.deps.now(),
        }),
      );
      return this.deps.channels.load(repos, channelId);
    });
    return this.announce(guildId, channel);
  }

  async delete(actor: Actor, channelId: string, targetId: string): Promise<Channel> {
    const access = await this.deps.access.channel(channelId, actor.userId, "MANAGE_ROLES");
    const guildId = access.guild.id;
    const channel = await this.deps.store.transaction(async (repos) => {
      const existing = (await repos.channels.overwritesForChannel(channelId)).find((o) => o.target_id === targetId);
      if (!existing) return undefined;
      access.requireCanGrant(parsePermissions(existing.allow) | parsePermissions(existing.deny), channelId);
      await repos.channels.deleteOverwrite(channelId, targetId);
      await repos.guilds.bumpAccessVersion(guildId);
      await repos.auditLog.insert(
        auditEntry(this.deps.ids, {
          guildId,
          actor,
          action: "channel_overwrite_delete",
          targetId: channelId,
          changes: [
            { key: "id", old_value: targetId },
            { key: "type", old_value: existing.type },
            { key: "allow", old_value: existing.allow },
            { key: "deny", old_value: existing.deny },
          ],
          now: this.deps.now(),
        }),
      );
      return this.deps.channels.load(repos, channelId);
    });
    return channel ? this.announce(guildId, channel) : this.deps.channels.get(actor.userId, channelId);
  }

  private async announce(guildId: string, channel: Channel): Promise<Channel> {
    this.deps.access.changed({ guild_id: guildId });
    await this.deps.events.toGuild(guildId, "CHANNEL_UPDATE", channel, { channelId: channel.id });
    return channel;
  }
}
