/** Constructs the messaging services (messages, DMs, reactions, pins, read states, threads, search, export). */
import type { AccessService } from "../access/access.service.js";
import type { EventPublisher } from "../bus/bus.js";
import type { SnowflakeGenerator } from "../ids/snowflake.js";
import { createSearchEngine } from "../search/search-engines.js";
import type { Db, OpenedDatabase } from "../storage/database.js";
import { MessagingStore } from "../storage/messaging-store.js";
import { DataExportRepository } from "../storage/repositories/data-export.repository.js";
import type { UserRepository } from "../storage/repositories/user.repository.js";
import { UserLookupRepository } from "../storage/repositories/user-lookup.repository.js";
import { ChannelAccess } from "./messages/channel-access.js";
import { DataExportService } from "./messages/data-export.service.js";
import { DmChannelService } from "./messages/dm-channel.service.js";
import { MentionResolver } from "./messages/mention-resolver.js";
import { MessageService } from "./messages/message.service.js";
import { MessagePresenter } from "./messages/message-presenter.js";
import { MessagingSweeper } from "./messages/messaging-sweeper.js";
import { PinService } from "./messages/pin.service.js";
import { ReactionService } from "./messages/reaction.service.js";
import { ReadStateService } from "./messages/read-state.service.js";
import { SearchService } from "./messages/search.service.js";
import { RelationshipService } from "./relationships/relationship.service.js";
import { ThreadService } from "./threads/thread.service.js";
import type { UserService } from "./users/user.service.js";

export interface MessagingServices {
  messages: MessageService;
  dmChannels: DmChannelService;
  reactions: ReactionService;
  pins: PinService;
  readStates: ReadStateService;
  threads: ThreadService;
  search: SearchService;
  relationships: RelationshipService;
  dataExports: DataExportService;
  messagingSweeper: MessagingSweeper;
}

export interface MessagingDeps {
  db: Db;
  dialect: OpenedDatabase["dialect"];
  ids: SnowflakeGenerator;
  events: EventPublisher;
  access: AccessService;
  users: UserRepository;
  userService: UserService;
  onBackgroundError: (error: unknown) => void;
}

export function createMessagingServices(deps: MessagingDeps): MessagingServices {
  const { db, ids, events } = deps;
  const engine = createSearchEngine(deps.dialect, db);
  const store = new MessagingStore(db, engine);
  const { repos } = store;
  const userLookup = new UserLookupRepository(db);
  const access = new ChannelAccess(deps.access, repos.dmChannels, repos.threads);
  const presenter = new MessagePresenter({
    messages: repos.messages,
    reactions: repos.reactions,
    threads: repos.threads,
    users: userLookup,
  });
  const relationships = new RelationshipService({
    relationships: repos.relationships,
    users: deps.users,
    userLookup,
    events,
    transaction: (work) => store.transaction((r) => work(r.relationships)),
    shareGuild: (a, b) => repos.dmChannels.shareGuild(a, b),
  });
  const messages = new MessageService({
    store,
    access,
    presenter,
    mentions: new MentionResolver(repos.messages, userLookup),
    relationships,
    events,
    ids,
  });
  const dmChannels = new DmChannelService({ store, users: userLookup, relationships, events, ids });
  const dmChannelIdsOf = (userId: string) => dmChannels.channelIds(userId);
  const threads = new ThreadService({ store, access, messages, events, ids });
  return {
    messages,
    dmChannels,
    relationships,
    reactions: new ReactionService({ store, access, users: userLookup, events }),
    pins: new PinService({ store, access, presenter, events }),
    readStates: new ReadStateService({
      store,
      access,
      guildAccess: deps.access,
      events,
      guildIdsOf: (userId) => repos.readStates.guildIdsOf(userId),
      dmChannelIdsOf,
    }),
    threads,
    messagingSweeper: new MessagingSweeper({
      threads,
      messages: repos.messages,
      intervalMs: 60_000,
      now: Date.now,
      onError: deps.onBackgroundError,
    }),
    search: new SearchService({ engine, store, access, presenter, dmChannelIdsOf }),
    dataExports: new DataExportService({
      exports: new DataExportRepository(db),
      store,
      users: deps.userService,
      relationships,
      dmChannels,
      ids,
    }),
  };
}
