/**
 * Assembles READY: the account, every guild as the user sees it (with their member), DM channels, read states,
 * presences and settings.
 */
import {
  type CurrentUser,
  type DmChannel,
  GATEWAY_LIMITS,
  type GuildSnapshot,
  type Presence,
  type PresenceUpdate,
  type Ready,
} from "@nexus/protocol";
import { DomainError } from "../../errors.js";
import type { PresenceService } from "../../services/presence/presence.service.js";
import type { CommunityDirectory } from "./community-directory.js";
import type { MessagingDirectory } from "./messaging-directory.js";

export interface ReadyBuilderDeps {
  users: { getCurrent(userId: string): Promise<CurrentUser> };
  presence: Pick<PresenceService, "sessionStarted" | "visible" | "friendPresences">;
  directory: CommunityDirectory;
  messaging: MessagingDirectory;
}

export class ReadyBuilder {
  constructor(private readonly deps: ReadyBuilderDeps) {}

  /** Undefined when the account no longer exists. Counts the session as live for presence. */
  async build(
    userId: string,
    sessionId: string,
    snapshots: Promise<GuildSnapshot[]>,
    dmChannels: DmChannel[],
    choice?: PresenceUpdate,
  ): Promise<Ready | undefined> {
    const user = await this.currentUser(userId);
    if (!user) return undefined;
    const guilds = await snapshots;
    const withMembers = await Promise.all(
      guilds.map(async (guild) => ({ ...guild, member: await this.deps.directory.memberOf(userId, guild.id) })),
    );
    const settings = await this.deps.presence.sessionStarted(userId, sessionId, choice);
    return {
      session_id: sessionId,
      user,
      guilds: withMembers,
      dm_channels: dmChannels,
      read_states: await this.deps.messaging.readStates(userId),
      presences: await this.presences(userId, guilds),
      settings,
    };
  }

  /**
   * Online friends, then online co-members, at most GATEWAY_LIMITS.readyPresences; larger guilds fill in through
   * PRESENCE_UPDATE.
   */
  private async presences(userId: string, guilds: readonly GuildSnapshot[]): Promise<Presence[]> {
    const limit = GATEWAY_LIMITS.readyPresences;
    const found = new Map<string, Presence>();
    for (const presence of await this.deps.presence.friendPresences(userId)) {
      if (found.size < limit) found.set(presence.user_id, presence);
    }
    for (const guild of guilds) {
      if (found.size >= limit) break;
      const ids = await this.deps.directory.memberIds(userId, guild.id, limit);
      for (const presence of await this.deps.presence.visible(ids.filter((id) => id !== userId))) {
        if (found.size < limit) found.set(presence.user_id, presence);
      }
    }
    return [...found.values()];
  }

  private async currentUser(userId: string): Promise<CurrentUser | undefined> {
    try {
      return await this.deps.users.getCurrent(userId);
    } catch (error) {
      if (error instanceof DomainError) return undefined;
      throw error;
    }
  }
}
