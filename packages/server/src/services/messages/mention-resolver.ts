/**
 * Decides what a message's mentions are: parsed from the content, narrowed by allowed_mentions, then by what exists
 * and what the author may ping (@everyone/@here and unmentionable roles need MENTION_EVERYONE).
 */
import { type AllowedMentions, applyAllowedMentions, parseMentions } from "@nexus/protocol";
import type { MentionRow, MessageRepository } from "../../storage/repositories/message.repository.js";
import type { UserLookupRepository } from "../../storage/repositories/user-lookup.repository.js";
import { type ChannelView, hasPermission } from "./channel-access.js";

export interface ResolvedMentions {
  users: string[];
  roles: string[];
  channels: string[];
  everyone: boolean;
}

export class MentionResolver {
  constructor(
    private readonly messages: MessageRepository,
    private readonly users: UserLookupRepository,
  ) {}

  async resolve(
    view: ChannelView,
    content: string,
    allowed: AllowedMentions | undefined,
    repliedAuthorId?: string,
  ): Promise<ResolvedMentions> {
    const parsed = applyAllowedMentions(parseMentions(content), allowed);
    const userIds = [...parsed.users];
    if (repliedAuthorId && allowed?.replied_user !== false && !userIds.includes(repliedAuthorId)) {
      userIds.push(repliedAuthorId);
    }
    const existing = await this.users.findByIds(userIds);
    const mayPingAll = view.guildId !== null && hasPermission(view, "MENTION_EVERYONE");
    let roles: string[] = [];
    if (view.guildId !== null && parsed.roles.length > 0) {
      const found = await this.messages.guildRoles(view.guildId, parsed.roles);
      roles = parsed.roles.filter((id) => {
        const role = found.get(id);
        return role !== undefined && (role.mentionable || mayPingAll);
      });
    }
    return {
      users: userIds.filter((id) => existing.has(id)),
      roles,
      channels: parsed.channels,
      everyone: mayPingAll && (parsed.everyone || parsed.here),
    };
  }

  /** The rows read-state math counts: one per mentioned user or role, and the guild id for @everyone. */
  static rows(mentions: ResolvedMentions, view: ChannelView, messageId: string, authorId: string): MentionRow[] {
    const targets = [...mentions.users, ...mentions.roles];
    if (mentions.everyone && view.guildId) targets.push(view.guildId);
    return [...new Set(targets)].map((target_id) => ({
      target_id,
      channel_id: view.channel.id,
      message_id: messageId,
      author_id: authorId,
    }));
  }
}
