/**
 * Direct messages: opening a 1:1 DM (the same channel every time) and group DMs of up to ten, whose owner adds and
 * removes members and which anyone can leave. Blocks and each recipient's DM privacy setting are enforced here.
 */
import { type CreateDm, type DmChannel, MAX_GROUP_DM_MEMBERS } from "@nexus/protocol";
import type { EventPublisher } from "../../bus/bus.js";
import { DomainError, notFound } from "../../errors.js";
import { userTopic } from "../../events/domain-events.js";
import type { SnowflakeGenerator } from "../../ids/snowflake.js";
import type { MessagingStore } from "../../storage/messaging-store.js";
import type { ChannelRow } from "../../storage/repositories/dm-channel.repository.js";
import type { UserLookupRepository } from "../../storage/repositories/user-lookup.repository.js";
import type { RelationshipService } from "../relationships/relationship.service.js";
import { toPublicUser } from "../users/user-presenter.js";
import { unknownChannel } from "./channel-access.js";

export interface DmChannelServiceDeps {
  store: MessagingStore;
  users: UserLookupRepository;
  relationships: RelationshipService;
  events: EventPublisher;
  ids: SnowflakeGenerator;
}

const dmKey = (a: string, b: string) => (BigInt(a) < BigInt(b) ? `${a}:${b}` : `${b}:${a}`);

export class DmChannelService {
  constructor(private readonly deps: DmChannelServiceDeps) {}

  async list(userId: string): Promise<DmChannel[]> {
    const rows = await this.deps.store.repos.dmChannels.listForUser(userId);
    return this.presentMany(rows, userId);
  }

  /** `{recipient_id}` opens (or returns) the 1:1 DM; `{recipient_ids}` creates a group with the caller as owner. */
  async open(userId: string, input: CreateDm): Promise<{ channel: DmChannel; created: boolean }> {
    if ("recipient_id" in input) return this.openDirect(userId, input.recipient_id);
    const others = [...new Set(input.recipient_ids)].filter((id) => id !== userId);
    if (others.length + 1 > MAX_GROUP_DM_MEMBERS) throw tooMany();
    await this.requireUsers(others);
    await this.deps.relationships.assertCanDm(userId, others);
    const now = Date.now();
    const row = this.newChannel("group_dm", input.name ?? "", userId, null, now);
    await this.deps.store.transaction((repos) => repos.dmChannels.create(row, [userId, ...others], now));
    const recipients = [userId, ...others];
    await this.publishToEach(recipients, "DM_CHANNEL_CREATE", row);
    return { channel: (await this.presentMany([row], userId))[0] as DmChannel, created: true };
  }

  async addRecipient(actorId: string, channelId: string, targetId: string): Promise<void> {
    const channel = await this.ownedGroup(actorId, channelId);
    const recipients = await this.deps.store.repos.dmChannels.recipients(channelId);
    if (recipients.includes(targetId)) return;
    if (recipients.length >= MAX_GROUP_DM_MEMBERS) throw tooMany();
    await this.requireUsers([targetId]);
    await this.deps.relationships.assertCanDm(actorId, [targetId]);
    await this.deps.store.repos.dmChannels.addRecipients(channelId, [targetId], Date.now());
    await this.publishToEach([targetId], "DM_CHANNEL_CREATE", channel);
    await this.publishToEach(recipients, "DM_CHANNEL_UPDATE", channel);
  }

  /** The owner removes someone, or anyone removes themselves (leaving). */
  async removeRecipient(actorId: string, channelId: string, targetId: string): Promise<void> {
    const channel = await this.group(actorId, channelId);
    if (actorId !== targetId && channel.owner_id !== actorId) {
      throw new DomainError("FORBIDDEN", "Only the group's owner can remove members.");
    }
    await this.leaveOrRemove(channel, targetId);
  }

  async leave(userId: string, channelId: string): Promise<void> {
    await this.leaveOrRemove(await this.group(userId, channelId), userId);
  }

  async rename(userId: string, channelId: string, name: string | null): Promise<DmChannel> {
    const channel = await this.group(userId, channelId);
    await this.deps.store.repos.dmChannels.update(channelId, { name: name ?? "" });
    const updated = { ...channel, name: name ?? "" };
    await this.publishToEach(
      await this.deps.store.repos.dmChannels.recipients(channelId),
      "DM_CHANNEL_UPDATE",
      updated,
    );
    return (await this.presentMany([updated], userId))[0] as DmChannel;
  }

  /** Every DM channel the user is in (search scope, read states). */
  async channelIds(userId: string): Promise<string[]> {
    return (await this.deps.store.repos.dmChannels.listForUser(userId)).map((c) => c.id);
  }

  private async openDirect(userId: string, recipientId: string): Promise<{ channel: DmChannel; created: boolean }> {
    if (recipientId === userId) {
      throw new DomainError("VALIDATION_FAILED", "You cannot open a DM with yourself.", {
        fields: { recipient_id: "is you" },
      });
    }
    await this.requireUsers([recipientId]);
    const key = dmKey(userId, recipientId);
    const existing = await this.deps.store.repos.dmChannels.findByDmKey(key);
    if (existing) return { channel: (await this.presentMany([existing], userId))[0] as DmChannel, created: false };
    await this.deps.relationships.assertCanDm(userId, [recipientId]);
    const now = Date.now();
    const row = this.newChannel("dm", "", null, key, now);
    // Two people opening the same DM at once: the unique dm_key lets exactly one row in; the other reads it.
    const created = await this.deps.store
      .transaction(async (repos) => {
        await repos.dmChannels.create(row, [userId, recipientId], now);
        return true;
      })
      .catch(async (error: unknown) => {
        if (await this.deps.store.repos.dmChannels.findByDmKey(key)) return false;
        throw error;
      });
    const channel = created ? row : await this.deps.store.repos.dmChannels.findByDmKey(key);
    if (!channel) throw new Error("DM channel vanished while opening it");
    if (created) await this.publishToEach([userId, recipientId], "DM_CHANNEL_CREATE", row);
    return { channel: (await this.presentMany([channel], userId))[0] as DmChannel, created };
  }

  private async leaveOrRemove(channel: ChannelRow, userId: string): Promise<void> {
    const { dmChannels } = this.deps.store.repos;
    const recipients = await dmChannels.recipients(channel.id);
    if (!recipients.includes(userId)) throw notFound("Recipient", "UNKNOWN_USER");
    const remaining = recipients.filter((id) => id !== userId);
    let updated = channel;
    await this.deps.store.transaction(async (repos) => {
      await repos.dmChannels.removeRecipient(channel.id, userId);
      if (remaining.length === 0) {
        await repos.dmChannels.delete(channel.id);
      } else if (channel.owner_id === userId) {
        // The longest-standing remaining member inherits the group.
        updated = { ...channel, owner_id: remaining[0] as string };
        await repos.dmChannels.update(channel.id, { owner_id: updated.owner_id });
      }
    });
    await this.deps.events.publish(userTopic(userId), { type: "DM_CHANNEL_DELETE", data: { id: channel.id } });
    await this.publishToEach(remaining, "DM_CHANNEL_UPDATE", updated);
  }

  private async group(userId: string, channelId: string): Promise<ChannelRow> {
    const channel = await this.deps.store.repos.dmChannels.findChannel(channelId);
    if (channel?.type !== "group_dm" || !(await this.deps.store.repos.dmChannels.isRecipient(channelId, userId))) {
      throw unknownChannel();
    }
    return channel;
  }

  private async ownedGroup(userId: string, channelId: string): Promise<ChannelRow> {
    const channel = await this.group(userId, channelId);
    if (channel.owner_id !== userId) throw new DomainError("FORBIDDEN", "Only the group's owner can add members.");
    return channel;
  }

  private async requireUsers(ids: string[]): Promise<void> {
    const found = await this.deps.users.findByIds(ids);
    if (ids.some((id) => !found.has(id))) throw notFound("User", "UNKNOWN_USER");
  }

  private newChannel(type: "dm" | "group_dm", name: string, ownerId: string | null, key: string | null, now: number) {
    return {
      id: this.deps.ids.next(),
      guild_id: null,
      type,
      name,
      topic: null,
      position: 0,
      parent_id: null,
      nsfw: 0,
      slowmode_seconds: 0,
      bitrate: null,
      user_limit: null,
      created_at: now,
      owner_id: ownerId,
      dm_key: key,
      last_message_id: null,
    } satisfies ChannelRow;
  }

  private async presentMany(rows: ChannelRow[], viewerId: string): Promise<DmChannel[]> {
    const recipients = await this.deps.store.repos.dmChannels.recipientsOf(rows.map((r) => r.id));
    const users = await this.deps.users.findByIds([...recipients.values()].flat());
    return rows.map((row) => ({
      id: row.id,
      type: row.type as DmChannel["type"],
      name: row.type === "group_dm" && row.name !== "" ? row.name : null,
      owner_id: row.owner_id,
      recipients: (recipients.get(row.id) ?? []).flatMap((id) => {
        const user = users.get(id);
        return id !== viewerId && user ? [toPublicUser(user)] : [];
      }),
      last_message_id: row.last_message_id,
    }));
  }

  private async publishToEach(
    userIds: string[],
    type: "DM_CHANNEL_CREATE" | "DM_CHANNEL_UPDATE",
    row: ChannelRow,
  ): Promise<void> {
    for (const userId of userIds) {
      const [channel] = await this.presentMany([row], userId);
      if (channel) await this.deps.events.publish(userTopic(userId), { type, data: channel });
    }
  }
}

const tooMany = () =>
  new DomainError("MAX_GROUP_DM_MEMBERS", `A group DM has at most ${MAX_GROUP_DM_MEMBERS} members.`);
