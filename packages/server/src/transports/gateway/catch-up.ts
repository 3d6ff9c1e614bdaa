/**
 * What a session missed while no node served it (its node died, or its client moved): the logged events run
 * through a private fan-out that knows only this one user, so they are filtered exactly as live delivery would
 * filter them, without touching the node's own feeds or other sessions.
 */
import type { GuildSnapshot } from "@nexus/protocol";
import type { Bus, LoggedEvent } from "../../bus/bus.js";
import { channelTopic, type DomainEvent, guildTopic, type Topic, userTopic } from "../../events/domain-events.js";
import { DmFeeds } from "./dm-feeds.js";
import { Fanout } from "./fanout.js";
import type { DispatchTarget, EncodedDispatch } from "./frames.js";
import { GuildFeeds, type GuildFeedsDeps } from "./guild-feeds.js";
import { TopicSubscriptions } from "./topic-subscriptions.js";

export interface CatchUpInput {
  userId: string;
  guildIds: readonly string[];
  snapshots: Promise<GuildSnapshot[]>;
  dmChannelIds: readonly string[];
}

export type CatchUpDeps = Pick<GuildFeedsDeps, "directory" | "presences" | "logger"> & {
  bus: Pick<Bus, "readLog">;
  revokeSessions(event: DomainEvent<"SESSIONS_REVOKED">): void;
};

export interface CaughtUp {
  dispatches: EncodedDispatch[];
  /** The last log position covered: live dispatches up to here are already among `dispatches`. */
  cutoff: string;
}

const NO_BUS = { subscribe: () => () => {} };

/**
 * The user's dispatches for events logged after `from`, leaving out those of events whose dispatches the session
 * already holds (`buffered` log positions). Undefined when the log no longer reaches back to `from`.
 */
export async function catchUpFromLog(
  deps: CatchUpDeps,
  input: CatchUpInput,
  from: string,
  buffered: ReadonlySet<string | undefined>,
): Promise<CaughtUp | undefined> {
  const topics = new Set<Topic>([
    userTopic(input.userId),
    ...input.guildIds.map(guildTopic),
    ...input.dmChannelIds.map(channelTopic),
  ]);
  const log = await deps.bus.readLog(from, topics);
  if (!log) return undefined;
  const dispatches = await replay(deps, input, log);
  return {
    dispatches: dispatches.filter((dispatch) => !dispatch.position || !buffered.has(dispatch.position)),
    cutoff: log.at(-1)?.position ?? from,
  };
}

async function replay(deps: CatchUpDeps, input: CatchUpInput, log: readonly LoggedEvent[]): Promise<EncodedDispatch[]> {
  const collected: EncodedDispatch[] = [];
  const collector: DispatchTarget = { deliver: (dispatch) => collected.push(dispatch) };
  const only: ReadonlySet<DispatchTarget> = new Set([collector]);
  const none: ReadonlySet<DispatchTarget> = new Set();
  const sessionsOf = (userId: string) => (userId === input.userId ? only : none);
  const topics = new TopicSubscriptions(NO_BUS, () => {});
  const guilds = new GuildFeeds({
    directory: deps.directory,
    presences: deps.presences,
    logger: deps.logger,
    topics,
    sessionsOf,
  });
  const dms = new DmFeeds({ topics, sessionsOf });
  const fanout = new Fanout(sessionsOf, guilds, dms, { revokeSessions: deps.revokeSessions });
  guilds.trackUser(input.userId, input.guildIds, input.snapshots);
  dms.trackUser(input.userId, input.dmChannelIds);
  for (const { event, topic, position } of log) fanout.handle(event, topic, position);
  await guilds.drained();
  return collected;
}
