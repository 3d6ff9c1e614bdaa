/**
 * Servers as the signed-in user sees them — channels, roles, their own member, who is in them and who is online —
 * filled by READY and kept current by gateway dispatches, with REST for what READY does not carry (member lists).
 */
import type {
  Channel,
  Emoji,
  Guild,
  GuildSnapshot,
  Member,
  Presence,
  PublicUser,
  Ready,
  Role,
  VisibleStatus,
} from "@nexus/protocol";
import { Store } from "./store.js";

export interface GuildEntry {
  guild: Guild;
  channels: Channel[];
  roles: Role[];
  member_count: number;
  /** Custom emoji (live ones). */
  emojis: Emoji[];
  /** The signed-in user's member object (null until known). */
  me: Member | null;
}

export interface CommunityState {
  status: "connecting" | "ready";
  /** Guild ids in the order the rail shows them. */
  order: string[];
  guilds: Record<string, GuildEntry>;
  /** Member lists, loaded when a server is opened. */
  members: Record<string, Member[]>;
  presences: Record<string, VisibleStatus>;
}

const EMPTY: CommunityState = { status: "connecting", order: [], guilds: {}, members: {}, presences: {} };

export const communityStore = new Store<CommunityState>(EMPTY);

export function resetCommunity(): void {
  joinedSinceIdentify = new Map();
  communityStore.set(EMPTY);
}

type Updater = (state: CommunityState) => CommunityState;
const update = (fn: Updater) => communityStore.set(fn);

function withGuild(state: CommunityState, id: string, fn: (entry: GuildEntry) => GuildEntry): CommunityState {
  const entry = state.guilds[id];
  return entry ? { ...state, guilds: { ...state.guilds, [id]: fn(entry) } } : state;
}

function entryFrom(snapshot: GuildSnapshot & { member?: Member | null }, previous?: GuildEntry): GuildEntry {
  const { roles, channels, member_count, member, emojis, ...guild } = snapshot;
  return { guild, roles, channels, member_count, emojis: emojis ?? [], me: member ?? previous?.me ?? null };
}

// Guilds created or joined over REST since the gateway last identified. READY may have been loaded before they
// existed; their GUILD_CREATE follows READY, and until it arrives READY must not drop them (the shell would
// redirect away from a server the user has just created).
let joinedSinceIdentify = new Map<string, GuildSnapshot>();

/** The gateway is about to identify: everything joined before now is in the READY it will receive. */
export function identifying(): void {
  joinedSinceIdentify = new Map();
}

/** Adds or replaces a guild (GUILD_CREATE, or the answer to create/join before its dispatch arrives). */
export function upsertGuild(snapshot: GuildSnapshot): void {
  joinedSinceIdentify.set(snapshot.id, snapshot);
  applyDispatch("GUILD_CREATE", snapshot, "");
}

export function setMembers(guildId: string, members: Member[]): void {
  update((state) => ({ ...state, members: { ...state.members, [guildId]: members } }));
}

function upsertMember(state: CommunityState, member: Member, myId: string): CommunityState {
  let next = withGuild(state, member.guild_id, (entry) => ({
    ...entry,
    me: member.user.id === myId ? member : entry.me,
  }));
  const list = next.members[member.guild_id];
  if (list) {
    const others = list.filter((m) => m.user.id !== member.user.id);
    next = { ...next, members: { ...next.members, [member.guild_id]: [...others, member] } };
  }
  return next;
}

function removeMember(state: CommunityState, guildId: string, user: PublicUser): CommunityState {
  const list = state.members[guildId];
  const next = withGuild(state, guildId, (entry) => ({ ...entry, member_count: Math.max(0, entry.member_count - 1) }));
  if (!list) return next;
  return { ...next, members: { ...next.members, [guildId]: list.filter((m) => m.user.id !== user.id) } };
}

function upsertChannel(state: CommunityState, channel: Channel): CommunityState {
  return withGuild(state, channel.guild_id, (entry) => ({
    ...entry,
    channels: [...entry.channels.filter((c) => c.id !== channel.id), channel],
  }));
}

function upsertRole(state: CommunityState, guildId: string, role: Role): CommunityState {
  return withGuild(state, guildId, (entry) => ({
    ...entry,
    roles: [...entry.roles.filter((r) => r.id !== role.id), role],
  }));
}

function applyReady(ready: Ready, myId: string): void {
  const loaded = ready.guilds as unknown as (GuildSnapshot & { member?: Member })[];
  const loadedIds = new Set(loaded.map((g) => g.id));
  const snapshots = [...loaded, ...[...joinedSinceIdentify.values()].filter((g) => !loadedIds.has(g.id))];
  const presences: Record<string, VisibleStatus> = {};
  for (const presence of ready.presences) presences[presence.user_id] = presence.status;
  presences[myId] = ready.settings.status === "invisible" ? "offline" : ready.settings.status;
  communityStore.set({
    status: "ready",
    order: snapshots.map((g) => g.id),
    guilds: Object.fromEntries(snapshots.map((g) => [g.id, entryFrom(g)])),
    members: {},
    presences,
  });
}

type Reducer = (state: CommunityState, data: never, myId: string) => CommunityState;

/** How each dispatch changes the state; READY replaces it whole (see applyReady). */
const REDUCERS: Record<string, Reducer> = {
  GUILD_CREATE: (state, snapshot: GuildSnapshot) => ({
    ...state,
    order: state.order.includes(snapshot.id) ? state.order : [...state.order, snapshot.id],
    guilds: { ...state.guilds, [snapshot.id]: entryFrom(snapshot, state.guilds[snapshot.id]) },
  }),
  GUILD_UPDATE: (state, guild: Guild) => withGuild(state, guild.id, (entry) => ({ ...entry, guild })),
  GUILD_EMOJIS_UPDATE: (state, { guild_id, emojis }: { guild_id: string; emojis: Emoji[] }) =>
    withGuild(state, guild_id, (entry) => ({ ...entry, emojis })),
  GUILD_DELETE: (state, { id }: { id: string }) => {
    const { [id]: _gone, ...guilds } = state.guilds;
    const { [id]: _members, ...members } = state.members;
    return { ...state, order: state.order.filter((g) => g !== id), guilds, members };
  },
  CHANNEL_CREATE: (state, channel: Channel) => upsertChannel(state, channel),
  CHANNEL_UPDATE: (state, channel: Channel) => upsertChannel(state, channel),
  CHANNEL_DELETE: (state, channel: Channel) =>
    withGuild(state, channel.guild_id, (entry) => ({
      ...entry,
      channels: entry.channels.filter((c) => c.id !== channel.id),
    })),
  GUILD_ROLE_CREATE: (state, { guild_id, role }: { guild_id: string; role: Role }) => upsertRole(state, guild_id, role),
  GUILD_ROLE_UPDATE: (state, { guild_id, role }: { guild_id: string; role: Role }) => upsertRole(state, guild_id, role),
  GUILD_ROLE_DELETE: (state, { guild_id, role_id }: { guild_id: string; role_id: string }) =>
    withGuild(state, guild_id, (entry) => ({ ...entry, roles: entry.roles.filter((r) => r.id !== role_id) })),
  GUILD_MEMBER_ADD: (state, member: Member, myId) =>
    upsertMember(
      withGuild(state, member.guild_id, (entry) => ({ ...entry, member_count: entry.member_count + 1 })),
      member,
      myId,
    ),
  GUILD_MEMBER_UPDATE: (state, member: Member, myId) => upsertMember(state, member, myId),
  GUILD_MEMBER_REMOVE: (state, { guild_id, user }: { guild_id: string; user: PublicUser }) =>
    removeMember(state, guild_id, user),
  PRESENCE_UPDATE: (state, presence: Presence) => ({
    ...state,
    presences: { ...state.presences, [presence.user_id]: presence.status },
  }),
};

/** Applies one gateway dispatch. Unknown types are ignored: a newer server may send events this client predates. */
export function applyDispatch(type: string, data: unknown, myId: string): void {
  if (type === "READY") {
    applyReady(data as Ready, myId);
    return;
  }
  if (type === "GUILD_DELETE") joinedSinceIdentify.delete((data as { id: string }).id);
  const reducer = REDUCERS[type];
  if (reducer) update((state) => reducer(state, data as never, myId));
}
