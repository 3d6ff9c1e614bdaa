/** Constructs the messaging services (messages, DMs, reactions, pins, read states, threads, search, export). */
import { AVATAR_SIZES } from "@nexus/protocol";
import type { AccessService } from "../access/access.service.js";
import type { BlobStore } from "../blobs/blob-store.js";
import type { EventPublisher } from "../bus/bus.js";
import type { Config } from "../config/config.js";
import type { SnowflakeGenerator } from "../ids/snowflake.js";
import type { LinkPreviewer } from "../previews/link-preview.js";
import type { MediaProxyUrls } from "../previews/media-proxy-urls.js";
import type { MeilisearchIndexer } from "../search/meilisearch-indexer.js";
import type { MessageSearchEngine } from "../search/message-search.js";
import { createMeilisearch, createSearchEngine } from "../search/search-engines.js";
import { type Db, groupsCommits, type OpenedDatabase } from "../storage/database.js";
import { MessagingStore } from "../storage/messaging-store.js";
import { DataExportRepository } from "../storage/repositories/data-export.repository.js";
import { EmojiRepository } from "../storage/repositories/emoji.repository.js";
import type { LinkPreviewRepository } from "../storage/repositories/link-preview.repository.js";
import { MessageRepository } from "../storage/repositories/message.repository.js";
import { ProfileImageRepository } from "../storage/repositories/profile-image.repository.js";
import type { UserRepository } from "../storage/repositories/user.repository.js";
import { UserLookupRepository } from "../storage/repositories/user-lookup.repository.js";
import { AttachmentService } from "./attachments/attachment.service.js";
import type { BlobCollector } from "./attachments/blob-collector.js";
import { ChannelAccess } from "./messages/channel-access.js";
import { ContentEmojiFilter } from "./messages/content-emoji.js";
import { DataExportService } from "./messages/data-export.service.js";
import { DmChannelService } from "./messages/dm-channel.service.js";
import { LinkPreviewJobs } from "./messages/link-preview-jobs.js";
import { LinkPreviewSettingsService } from "./messages/link-preview-settings.service.js";
import { MentionResolver } from "./messages/mention-resolver.js";
import { MessageService } from "./messages/message.service.js";
import { MessagePresenter } from "./messages/message-presenter.js";
import { MessagingSweeper } from "./messages/messaging-sweeper.js";
import { PinService } from "./messages/pin.service.js";
import { ReactionService } from "./messages/reaction.service.js";
import { ReactionEmojiResolver } from "./messages/reaction-emoji.js";
import { ReadStateService } from "./messages/read-state.service.js";
import { SearchService } from "./messages/search.service.js";
import { searchDocument } from "./messages/search-documents.js";
import { RelationshipService } from "./relationships/relationship.service.js";
import { ThreadService } from "./threads/thread.service.js";
import { TypingService } from "./typing/typing.service.js";
import type { UserService } from "./users/user.service.js";

export interface MessagingServices {
  messages: MessageService;
  dmChannels: DmChannelService;
  reactions: ReactionService;
  pins: PinService;
  readStates: ReadStateService;
  threads: ThreadService;
  typing: TypingService;
  search: SearchService;
  /** Feeds Meilisearch from the search outbox (search.url set); started and stopped with the server. */
  searchIndexer: MeilisearchIndexer | undefined;
  relationships: RelationshipService;
  dataExports: DataExportService;
  messagingSweeper: MessagingSweeper;
  attachments: AttachmentService;
  /** Background link-preview jobs (stopped with the server). */
  linkPreviews: LinkPreviewJobs;
  linkPreviewSettings: LinkPreviewSettingsService;
}

export interface MessagingDeps {
  db: Db;
  dialect: OpenedDatabase["dialect"];
  ids: SnowflakeGenerator;
  events: EventPublisher;
  access: AccessService;
  users: UserRepository;
  userService: UserService;
  blobs: BlobStore;
  /** Deletes blobs nothing refers to any more. */
  collector: BlobCollector;
  /** Upload limits, and where uploads are staged while they are inspected. */
  uploads: { maxBytes: number; tempDir: string };
  onBackgroundError: (error: unknown) => void;
  search: Config["search"];
  previews: { previewer: LinkPreviewer; repository: LinkPreviewRepository; proxyUrls: MediaProxyUrls };
  /** Two users just became friends (presence introduces them to each other). */
  befriended: (a: string, b: string) => Promise<void>;
  unfriended: (a: string, b: string) => Promise<void>;
}

export function createMessagingServices(deps: MessagingDeps): MessagingServices {
  const { db, ids, events } = deps;
  let engine: MessageSearchEngine = createSearchEngine(deps.dialect, db);
  let searchIndexer: MeilisearchIndexer | undefined;
  if (deps.search.url) {
    ({ engine, indexer: searchIndexer } = createMeilisearch(deps.search, {
      db,
      documentsFor: async (ids) => (await new MessageRepository(db).findMany(ids)).map(searchDocument),
      onError: deps.onBackgroundError,
    }));
  }
  const store = new MessagingStore(db, engine, { groupCommits: groupsCommits(deps.dialect) });
  const { repos } = store;
  const userLookup = new UserLookupRepository(db);
  const access = new ChannelAccess(deps.access, repos.dmChannels, repos.threads);
  const emojis = new EmojiRepository(db);
  const presenter = new MessagePresenter({
    messages: repos.messages,
    reactions: repos.reactions,
    threads: repos.threads,
    users: userLookup,
    emojis,
  });
  const relationships = new RelationshipService({
    relationships: repos.relationships,
    users: deps.users,
    userLookup,
    events,
    transaction: (work) => store.transaction((r) => work(r.relationships)),
    shareGuild: (a, b) => repos.dmChannels.shareGuild(a, b),
    befriended: deps.befriended,
    unfriended: deps.unfriended,
  });
  const { collector } = deps;
  const avatars = new ProfileImageRepository(db);
  const attachments = new AttachmentService({
    store,
    access,
    collector,
    blobs: deps.blobs,
    tempDir: deps.uploads.tempDir,
    maxBytes: deps.uploads.maxBytes,
    ids,
  });
  const linkPreviews = new LinkPreviewJobs({
    store,
    jobs: repos.previewJobs,
    access,
    previewer: deps.previews.previewer,
    settings: deps.previews.repository,
    presenter,
    events,
    proxyPath: (url) => deps.previews.proxyUrls.path(url),
    concurrency: 4,
    singleNode: deps.dialect === "sqlite",
    pollMs: 5_000,
    onError: deps.onBackgroundError,
  });
  const messages = new MessageService({
    store,
    access,
    presenter,
    mentions: new MentionResolver(repos.messages, userLookup),
    emojis: new ContentEmojiFilter(emojis),
    relationships,
    collector,
    events,
    ids,
    previews: linkPreviews,
  });
  const dmChannels = new DmChannelService({ store, users: userLookup, relationships, events, ids });
  const dmChannelIdsOf = (userId: string) => dmChannels.channelIds(userId);
  const threads = new ThreadService({ store, access, messages, events, ids });
  return {
    messages,
    typing: new TypingService({ access, events }),
    attachments,
    linkPreviews,
    linkPreviewSettings: new LinkPreviewSettingsService({
      settings: deps.previews.repository,
      access: deps.access,
      events,
    }),
    dmChannels,
    relationships,
    reactions: new ReactionService({
      store,
      access,
      users: userLookup,
      events,
      emojis: new ReactionEmojiResolver(emojis, deps.access),
    }),
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
      attachments,
      linkPreviews: deps.previews.repository,
      intervalMs: 60_000,
      now: Date.now,
      onError: deps.onBackgroundError,
    }),
    search: new SearchService({ engine, store, access, presenter, dmChannelIdsOf }),
    searchIndexer,
    dataExports: new DataExportService({
      exports: new DataExportRepository(db),
      store,
      users: deps.userService,
      relationships,
      dmChannels,
      ids,
      blobs: deps.blobs,
      avatarBlob: (userId, hash) => avatars.find({ kind: "avatar", id: userId }, hash, Math.max(...AVATAR_SIZES)),
    }),
  };
}
