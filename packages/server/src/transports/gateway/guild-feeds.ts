/**
 * Guild delivery on this node. For each guild that a local user belongs to, a view keeps who of them can VIEW each
 * channel (the audience cache), so a message costs one lookup and one serialization however many sessions hear it.
 * Events that change permissions (roles, overwrites, channels, members, ownership) recompute the view through the
 * access choke point and turn every change in visibility into CHANNEL_CREATE / CHANNEL_DELETE for exactly the users
 * it affects. Work that must wait for the database runs in a per-guild queue, so events of one guild stay in order.
 */
import { type Channel, GATEWAY_LIMITS, type GuildSnapshot, type Member, type Presence } from "@nexus/protocol";
import type { Logger } from "pino";
import { type DomainEvent, type DomainEventType, guildTopic } from "../../events/domain-events.js";
import type { CommunityDirectory, GuildAudience } from "./community-directory.js";
import { type DispatchTarget, type EncodedDispatch, encodeDispatch } from "./frames.js";
import type { TopicSubscriptions } from "./topic-subscriptions.js";

export interface GuildFeedsDeps {
  directory: CommunityDirectory;
  topics: TopicSubscriptions;
  sessionsOf(userId: string): ReadonlySet<DispatchTarget>;
  /** What others see of these users, everyone offline left out. */
  presences(userIds: readonly string[]): Promise<Presence[]>;
  logger: Logger;
}

interface GuildView {
  id: string;
  /** Local users (with live sessions) who are members. */
  members: Set<string>;
  /** Channel id → local members who can view it; a channel nobody here can see may be absent. */
  visible: Map<string, Set<string>>;
  /** Last known channel objects, for CHANNEL_DELETE when someone stops seeing one. */
  channels: Map<string, Channel>;
  tail: Promise<void>;
  queued: number;
}

/** Events after which who-sees-what must be recomputed. */
const ACCESS_CHANGES: ReadonlySet<DomainEventType> = new Set([
  "GUILD_UPDATE",
  "GUILD_ROLE_CREATE",
  "GUILD_ROLE_UPDATE",
  "GUILD_ROLE_DELETE",
  "CHANNEL_CREATE",
  "CHANNEL_UPDATE",
  "CHANNEL_DELETE",
  "GUILD_MEMBER_UPDATE",
]);

const EMPTY: ReadonlySet<string> = new Set();

/** Whose own action an event reports; they are not told about it (typing, their own presence). */
function actorOf(event: DomainEvent): string | undefined {
  if (event.type === "TYPING_START" || event.type === "PRESENCE_UPDATE") {
    return (event.data as { user_id: string }).user_id;
  }
  return undefined;
}

export class GuildFeeds {
  private readonly views = new Map<string, GuildView>();
  private readonly guildsOfUser = new Map<string, Set<string>>();

  constructor(private readonly deps: GuildFeedsDeps) {}

  /** Guilds of a local user, for READY presences. */
  guildIdsOf(userId: string): ReadonlySet<string> {
    return this.guildsOfUser.get(userId) ?? EMPTY;
  }

  /** Local members of a guild. */
  membersOf(guildId: string): ReadonlySet<string> {
    return this.views.get(guildId)?.members ?? EMPTY;
  }

  /**
   * A user's first session on this node: subscribe to their guilds now, and add them to each guild's audience once
   * their READY snapshots are loaded. Events of those guilds wait in line meanwhile, so none is lost.
   */
  trackUser(userId: string, guildIds: readonly string[], snapshots: Promise<GuildSnapshot[]>): void {
    if (this.guildsOfUser.has(userId)) return;
    this.guildsOfUser.set(userId, new Set());
    for (const guildId of guildIds) {
      const view = this.open(guildId, userId);
      this.enqueue(view, async () => {
        const snapshot = (await snapshots).find((s) => s.id === guildId);
        if (snapshot) this.seed(view, userId, snapshot.channels);
        else this.forget(userId, guildId);
      });
    }
  }

  /** The user's last session here ended. */
  untrackUser(userId: string): void {
    for (const guildId of this.guildsOfUser.get(userId) ?? []) this.forget(userId, guildId);
    this.guildsOfUser.delete(userId);
  }

  /** GUILD_CREATE on the user's topic: they joined; send the guild with the channels they can see. */
  joined(userId: string, event: DomainEvent<"GUILD_CREATE">): void {
    if (!this.guildsOfUser.has(userId)) return;
    const snapshot = event.data;
    const view = this.open(snapshot.id, userId);
    this.enqueue(view, async () => {
      const audience = await this.refresh(view);
      if (!audience?.members.has(userId)) return;
      for (const channel of snapshot.channels) view.channels.set(channel.id, channel);
      const channels = snapshot.channels.filter((c) => audience.visible.get(c.id)?.has(userId));
      this.send([userId], encodeDispatch("GUILD_CREATE", { ...snapshot, channels }, event.position));
      await this.sendPresencesOfGuild(userId, snapshot.id, event.position);
    });
  }

  /** A new member learns who of the guild is online, as READY would have told them (and up to the same limit). */
  private async sendPresencesOfGuild(userId: string, guildId: string, position?: string): Promise<void> {
    const ids = await this.deps.directory.memberIds(userId, guildId, GATEWAY_LIMITS.readyPresences);
    const others = ids.filter((id) => id !== userId);
    for (const presence of await this.deps.presences(others)) {
      this.send([userId], encodeDispatch("PRESENCE_UPDATE", { ...presence, guild_id: guildId }, position));
    }
  }

  /** The guild's members here learn whether the member who just joined is online (their presence predates it). */
  private async announceJoinerPresence(view: GuildView, joinerId: string, position?: string): Promise<void> {
    const [presence] = await this.deps.presences([joinerId]);
    if (presence) {
      const dispatch = encodeDispatch("PRESENCE_UPDATE", { ...presence, guild_id: view.id }, position);
      this.send(view.members, dispatch, joinerId);
    }
  }

  /** GUILD_DELETE on the user's topic (left, kicked, banned): delivery ends before anything else is sent. */
  left(userId: string, guildId: string): void {
    this.forget(userId, guildId);
  }

  /** An event on guild:<id>. */
  handle(guildId: string, event: DomainEvent): void {
    const view = this.views.get(guildId);
    if (!view) return;
    if (event.type === "GUILD_MEMBER_REMOVE") {
      const removed = (event as DomainEvent<"GUILD_MEMBER_REMOVE">).data.user.id;
      this.forget(removed, guildId);
    }
    const slow = ACCESS_CHANGES.has(event.type) || event.permission !== undefined;
    if (slow || view.queued > 0) {
      this.enqueue(view, () => (slow ? this.handleSlow(view, event) : this.deliver(view, event)));
    } else {
      this.deliver(view, event);
    }
    if (event.type === "GUILD_MEMBER_ADD") {
      const joinerId = (event.data as Member).user.id;
      this.enqueue(view, () => this.announceJoinerPresence(view, joinerId, event.position));
    }
  }

  /** The fast path: the cached audience, one serialization, the same bytes for everyone. */
  private deliver(view: GuildView, event: DomainEvent): void {
    const audience = event.channel_id === undefined ? view.members : view.visible.get(event.channel_id);
    if (!audience || audience.size === 0) return;
    this.send(audience, encodeDispatch(event.type, event.data, event.position), actorOf(event));
    if (event.type === "GUILD_DELETE") for (const userId of [...view.members]) this.forget(userId, view.id);
  }

  private async handleSlow(view: GuildView, event: DomainEvent): Promise<void> {
    const before = view.visible;
    const audience = await this.refresh(view);
    if (!audience) {
      this.deliver(view, event);
      return;
    }
    const dispatch = encodeDispatch(event.type, event.data, event.position);
    if (event.permission !== undefined) {
      this.send(audience.holders(event.permission, event.channel_id), dispatch, actorOf(event));
    } else if (event.channel_id === undefined) {
      this.send(view.members, dispatch, actorOf(event));
    } else {
      this.deliverChannelChange(view, event, before, audience);
    }
    await this.announceVisibility(view, before, audience.visible, event);
  }

  /** A CHANNEL_* event: who saw the channel before and after decides what each user is told. */
  private deliverChannelChange(
    view: GuildView,
    event: DomainEvent,
    before: ReadonlyMap<string, ReadonlySet<string>>,
    audience: GuildAudience,
  ): void {
    const channelId = event.channel_id as string;
    const saw = before.get(channelId) ?? EMPTY;
    const sees = audience.visible.get(channelId) ?? EMPTY;
    const dispatch = encodeDispatch(event.type, event.data, event.position);
    if (event.type === "CHANNEL_DELETE") {
      this.send(saw, dispatch);
      view.channels.delete(channelId);
      return;
    }
    if (event.type === "CHANNEL_CREATE" || event.type === "CHANNEL_UPDATE") {
      view.channels.set(channelId, event.data as Channel);
    }
    const kept = [...sees].filter((u) => saw.has(u) || event.type === "CHANNEL_CREATE");
    const gained = [...sees].filter((u) => !saw.has(u) && event.type !== "CHANNEL_CREATE");
    const lost = [...saw].filter((u) => !sees.has(u));
    this.send(kept, dispatch);
    if (gained.length > 0) this.send(gained, encodeDispatch("CHANNEL_CREATE", event.data, event.position));
    if (lost.length > 0) this.send(lost, encodeDispatch("CHANNEL_DELETE", event.data, event.position));
  }

  /** Channels (other than the one the event was about) that someone started or stopped seeing. */
  private async announceVisibility(
    view: GuildView,
    before: ReadonlyMap<string, ReadonlySet<string>>,
    after: ReadonlyMap<string, ReadonlySet<string>>,
    cause: DomainEvent,
  ): Promise<void> {
    for (const channelId of new Set([...before.keys(), ...after.keys()])) {
      if (channelId === cause.channel_id) continue;
      const saw = before.get(channelId) ?? EMPTY;
      const sees = after.get(channelId) ?? EMPTY;
      const lost = [...saw].filter((u) => !sees.has(u) && view.members.has(u));
      const known = view.channels.get(channelId);
      if (lost.length > 0 && known) this.send(lost, encodeDispatch("CHANNEL_DELETE", known, cause.position));
      for (const userId of [...sees].filter((u) => !saw.has(u))) {
        const channel = await this.deps.directory.channelFor(userId, channelId);
        if (!channel) continue;
        view.channels.set(channelId, channel);
        this.send([userId], encodeDispatch("CHANNEL_CREATE", channel, cause.position));
      }
    }
  }

  /** Recomputes the view's audiences; drops users who are no longer members. */
  private async refresh(view: GuildView): Promise<GuildAudience | undefined> {
    const audience = await this.deps.directory.audience(view.id, view.members);
    if (!audience) return undefined;
    for (const userId of [...view.members]) if (!audience.members.has(userId)) this.forget(userId, view.id);
    const visible = new Map<string, Set<string>>();
    for (const [channelId, users] of audience.visible) {
      visible.set(channelId, new Set([...users].filter((u) => view.members.has(u))));
    }
    view.visible = visible;
    return audience;
  }

  private seed(view: GuildView, userId: string, channels: readonly Channel[]): void {
    if (!view.members.has(userId)) return;
    for (const channel of channels) {
      view.channels.set(channel.id, channel);
      let users = view.visible.get(channel.id);
      if (!users) {
        users = new Set();
        view.visible.set(channel.id, users);
      }
      users.add(userId);
    }
  }

  private open(guildId: string, userId: string): GuildView {
    let view = this.views.get(guildId);
    if (!view) {
      view = {
        id: guildId,
        members: new Set(),
        visible: new Map(),
        channels: new Map(),
        tail: Promise.resolve(),
        queued: 0,
      };
      this.views.set(guildId, view);
    }
    const guilds = this.guildsOfUser.get(userId);
    if (guilds && !guilds.has(guildId)) {
      guilds.add(guildId);
      view.members.add(userId);
      this.deps.topics.retain(guildTopic(guildId));
    }
    return view;
  }

  private forget(userId: string, guildId: string): void {
    const guilds = this.guildsOfUser.get(userId);
    if (!guilds?.delete(guildId)) return;
    this.deps.topics.release(guildTopic(guildId));
    const view = this.views.get(guildId);
    if (!view) return;
    view.members.delete(userId);
    for (const users of view.visible.values()) users.delete(userId);
    if (view.members.size === 0 && view.queued === 0) this.views.delete(guildId);
  }

  /** Whether some guild has events waiting for the database: then not everything received is delivered yet. */
  busy(): boolean {
    for (const view of this.views.values()) if (view.queued > 0) return true;
    return false;
  }

  /** Resolves once every event handed in so far is delivered. */
  async drained(): Promise<void> {
    while (this.busy()) await Promise.all([...this.views.values()].map((view) => view.tail));
  }

  private enqueue(view: GuildView, task: () => void | Promise<void>): void {
    view.queued++;
    view.tail = view.tail
      .then(task)
      .catch((error: unknown) => this.deps.logger.error({ err: error, guild_id: view.id }, "guild fan-out failed"))
      .finally(() => {
        view.queued--;
        if (view.members.size === 0 && view.queued === 0 && this.views.get(view.id) === view) {
          this.views.delete(view.id);
        }
      });
  }

  private send(userIds: Iterable<string>, dispatch: EncodedDispatch, except?: string): void {
    for (const userId of userIds) {
      if (userId === except) continue;
      for (const session of this.deps.sessionsOf(userId)) session.deliver(dispatch);
    }
  }
}
