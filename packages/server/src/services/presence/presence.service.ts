/**
 * Presence: who is online and how, as others see it. A user is online while any of their gateway sessions lives
 * (on any node), offline after the last one ends; "invisible" looks offline to everyone but the user.
 * Changes go to every guild the user is in and to each accepted friend (on their user topic, without guild_id), and
 * the user's own status choice syncs to their other sessions.
 */
import type { Presence, PresenceSettings, PresenceUpdate } from "@nexus/protocol";
import type { EventPublisher } from "../../bus/bus.js";
import { guildTopic, userTopic } from "../../events/domain-events.js";
import type { PresenceStore, StoredPresence } from "../../presence/presence-store.js";

export interface PresenceServiceDeps {
  store: PresenceStore;
  events: EventPublisher;
  /** The guilds whose members see this user's presence. */
  guildIdsOf(userId: string): Promise<string[]>;
  /** The user's accepted friends, who see this user's presence whether or not they share a guild. */
  friendIdsOf(userId: string): Promise<string[]>;
  now?: () => number;
}

export class PresenceService {
  private readonly now: () => number;

  constructor(private readonly deps: PresenceServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** A gateway session of the user went live; returns the user's own settings for READY. */
  async sessionStarted(userId: string, sessionId: string, choice?: PresenceUpdate): Promise<PresenceSettings> {
    const before = await this.current(userId);
    const after = await this.deps.store.connect(userId, sessionId, choice);
    await this.announce(userId, before, after);
    if (choice && before) await this.syncSettings(userId, after);
    return this.settings(after);
  }

  async sessionEnded(userId: string, sessionId: string): Promise<void> {
    const before = await this.current(userId);
    const after = await this.deps.store.disconnect(userId, sessionId);
    await this.announce(userId, before, after.sessions > 0 ? after : undefined);
  }

  /** The presence_update op: a new status or custom status for all of the user's sessions. */
  async update(userId: string, choice: PresenceUpdate): Promise<void> {
    const before = await this.current(userId);
    const after = await this.deps.store.choose(userId, choice);
    if (!after) return;
    await this.announce(userId, before, after);
    await this.syncSettings(userId, after);
  }

  /** Scale-out: users whose node died without a word go offline (or show their sessions elsewhere). */
  async reapDeadNodes(): Promise<void> {
    for (const { userId, before, after } of await this.deps.store.reapDeadNodes()) {
      await this.announce(userId, before, after.sessions > 0 ? after : undefined);
    }
  }

  /** What others see of these users, leaving out everyone offline (READY). */
  async visible(userIds: readonly string[]): Promise<Presence[]> {
    const online = await this.deps.store.online(userIds);
    const presences: Presence[] = [];
    for (const [userId, stored] of online) {
      const presence = this.project(userId, stored);
      if (presence.status !== "offline") presences.push(presence);
    }
    return presences;
  }

  /** What others see of the user's online friends (READY). */
  async friendPresences(userId: string): Promise<Presence[]> {
    return this.visible(await this.deps.friendIdsOf(userId));
  }

  /** Two users just became friends: each learns the other's current presence (nothing to say while offline). */
  async introduce(a: string, b: string): Promise<void> {
    const online = await this.deps.store.online([a, b]);
    for (const [userId, viewer] of [
      [a, b],
      [b, a],
    ] as const) {
      const presence = this.project(userId, online.get(userId));
      if (presence.status !== "offline") {
        await this.deps.events.publish(userTopic(viewer), { type: "PRESENCE_UPDATE", data: presence });
      }
    }
  }

  /**
   * Two users stopped being friends. Unless a shared guild keeps telling them, no more updates reach either side,
   * so each now sees the other offline rather than frozen in their last status.
   */
  async part(a: string, b: string): Promise<void> {
    const [guildsOfA, guildsOfB] = await Promise.all([this.deps.guildIdsOf(a), this.deps.guildIdsOf(b)]);
    if (guildsOfA.some((guildId) => guildsOfB.includes(guildId))) return;
    for (const [userId, viewer] of [
      [a, b],
      [b, a],
    ] as const) {
      await this.deps.events.publish(userTopic(viewer), {
        type: "PRESENCE_UPDATE",
        data: this.project(userId, undefined),
      });
    }
  }

  private async current(userId: string): Promise<StoredPresence | undefined> {
    return (await this.deps.store.online([userId])).get(userId);
  }

  private async announce(userId: string, before?: StoredPresence, after?: StoredPresence): Promise<void> {
    const next = this.project(userId, after);
    if (JSON.stringify(this.project(userId, before)) === JSON.stringify(next)) return;
    const [guildIds, friendIds] = await Promise.all([this.deps.guildIdsOf(userId), this.deps.friendIdsOf(userId)]);
    for (const guildId of guildIds) {
      await this.deps.events.publish(guildTopic(guildId), {
        type: "PRESENCE_UPDATE",
        guild_id: guildId,
        data: { ...next, guild_id: guildId },
      });
    }
    for (const friendId of friendIds) {
      await this.deps.events.publish(userTopic(friendId), { type: "PRESENCE_UPDATE", data: next });
    }
  }

  private async syncSettings(userId: string, stored: StoredPresence): Promise<void> {
    await this.deps.events.publish(userTopic(userId), { type: "USER_SETTINGS_UPDATE", data: this.settings(stored) });
  }

  private settings(stored: StoredPresence): PresenceSettings {
    return { status: stored.status, custom_status: this.liveCustomStatus(stored) };
  }

  /** Others' view: invisible and absent are offline, with no custom status. */
  private project(userId: string, stored: StoredPresence | undefined): Presence {
    if (!stored || stored.status === "invisible") return { user_id: userId, status: "offline", custom_status: null };
    return { user_id: userId, status: stored.status, custom_status: this.liveCustomStatus(stored) };
  }

  private liveCustomStatus(stored: StoredPresence) {
    const expiresAt = stored.custom_status?.expires_at;
    if (expiresAt && Date.parse(expiresAt) <= this.now()) return null;
    return stored.custom_status;
  }
}
