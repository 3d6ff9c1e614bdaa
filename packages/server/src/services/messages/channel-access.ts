/**
 * Messaging's one door to authorization. Guild channels go through the access service (the choke point); a thread
 * takes its parent's permissions; DM channels admit exactly their recipients. Unseen channels are 404.
 */
import { type PermissionName, Permissions } from "@nexus/protocol";
import type { AccessService } from "../../access/access.service.js";
import type { MemberAccess } from "../../access/member-access.js";
import { missingPermission } from "../../access/member-access.js";
import { notFound } from "../../errors.js";
import type { ChannelRow, DmChannelRepository } from "../../storage/repositories/dm-channel.repository.js";
import type { ThreadRepository, ThreadWithChannel } from "../../storage/repositories/thread.repository.js";

export const DM_CHANNEL_TYPES = ["dm", "group_dm"] as const;
export const THREAD_TYPE = "public_thread";

/** What every recipient of a DM may do there. */
const DM_PERMISSIONS = [
  "VIEW_CHANNEL",
  "SEND_MESSAGES",
  "READ_MESSAGE_HISTORY",
  "ADD_REACTIONS",
  "EMBED_LINKS",
  "ATTACH_FILES",
  "USE_EXTERNAL_EMOJI",
].reduce((bits, name) => bits | Permissions[name as PermissionName], 0n);

export const unknownChannel = () => notFound("Channel", "UNKNOWN_CHANNEL");

export interface ChannelView {
  channel: ChannelRow;
  kind: "guild" | "thread" | "dm";
  guildId: string | null;
  thread?: ThreadWithChannel;
  /**
   * The actor's permissions here. In a thread these are the parent's, except that SEND_MESSAGES means the
   * parent's SEND_MESSAGES_IN_THREADS, so callers check one name everywhere.
   */
  permissions: bigint;
  /** DM channels: every recipient, the actor included. */
  recipients: string[];
  /** Guild channels and threads: the actor's member access (roles, for mention counts). */
  member?: MemberAccess;
}

export interface ReadableChannels {
  readable: string[];
  unreadable: string[];
}

export class ChannelAccess {
  constructor(
    private readonly access: AccessService,
    private readonly channels: DmChannelRepository,
    private readonly threads: ThreadRepository,
  ) {}

  /** The channel as `userId` sees it; 404 UNKNOWN_CHANNEL if it does not exist or they cannot view it. */
  async view(userId: string, channelId: string): Promise<ChannelView> {
    const channel = await this.channels.findChannel(channelId);
    if (!channel) throw unknownChannel();
    if (channel.guild_id === null) {
      const recipients = await this.channels.recipients(channelId);
      if (!recipients.includes(userId)) throw unknownChannel();
      return { channel, kind: "dm", guildId: null, permissions: DM_PERMISSIONS, recipients };
    }
    const member = await this.access.memberOrUndefined(channel.guild_id, userId);
    if (!member) throw unknownChannel();
    if (channel.type === THREAD_TYPE) {
      const thread = await this.threads.find(channelId);
      if (!thread) throw unknownChannel();
      let permissions = member.permissions(thread.parent_id);
      permissions &= ~Permissions.SEND_MESSAGES;
      if ((permissions & Permissions.SEND_MESSAGES_IN_THREADS) !== 0n) permissions |= Permissions.SEND_MESSAGES;
      if ((permissions & Permissions.VIEW_CHANNEL) === 0n) throw unknownChannel();
      return { channel, kind: "thread", guildId: channel.guild_id, thread, permissions, recipients: [], member };
    }
    const permissions = member.permissions(channelId);
    if ((permissions & Permissions.VIEW_CHANNEL) === 0n) throw unknownChannel();
    return { channel, kind: "guild", guildId: channel.guild_id, permissions, recipients: [], member };
  }

  /** The channel without an actor (system work such as deleting an account's messages); undefined if gone. */
  async system(channelId: string): Promise<ChannelView | undefined> {
    const channel = await this.channels.findChannel(channelId);
    if (!channel) return undefined;
    const thread = channel.type === THREAD_TYPE ? await this.threads.find(channelId) : undefined;
    const kind = channel.guild_id === null ? "dm" : thread ? "thread" : "guild";
    return { channel, kind, guildId: channel.guild_id, thread, permissions: 0n, recipients: [] };
  }

  /** view() then 403 MISSING_PERMISSION for the first of `permissions` the actor lacks there. */
  async require(userId: string, channelId: string, ...permissions: PermissionName[]): Promise<ChannelView> {
    const view = await this.view(userId, channelId);
    for (const permission of permissions) requirePermission(view, permission);
    return view;
  }

  /**
   * The guild's message channels split by whether `userId` can read their history now (threads follow their
   * parent). 404 UNKNOWN_GUILD for non-members. A few queries, whatever the number of channels.
   */
  async readableInGuild(userId: string, guildId: string): Promise<ReadableChannels> {
    const member = await this.access.member(guildId, userId);
    const readable: string[] = [];
    const unreadable: string[] = [];
    const canRead = new Map<string, boolean>();
    for (const channel of member.guild.channels.values()) {
      if (channel.type === THREAD_TYPE) continue;
      const ok = member.has("VIEW_CHANNEL", channel.id) && member.has("READ_MESSAGE_HISTORY", channel.id);
      canRead.set(channel.id, ok);
      (ok ? readable : unreadable).push(channel.id);
    }
    for (const thread of await this.threads.idsUnder([...canRead.keys()])) {
      (canRead.get(thread.parent_id) ? readable : unreadable).push(thread.id);
    }
    return { readable, unreadable };
  }
}

export function hasPermission(view: ChannelView, permission: PermissionName): boolean {
  return (view.permissions & Permissions[permission]) !== 0n;
}

export function requirePermission(view: ChannelView, permission: PermissionName): void {
  if (!hasPermission(view, permission)) throw missingPermission(permission);
}
