/** The messaging repositories as one unit of work, with the search index writer bound to the same transaction. */
import type { MessageSearchEngine, MessageSearchWriter } from "../search/message-search.js";
import type { Db } from "./database.js";
import { DmChannelRepository } from "./repositories/dm-channel.repository.js";
import { MessageRepository } from "./repositories/message.repository.js";
import { ReactionRepository } from "./repositories/reaction.repository.js";
import { ReadStateRepository } from "./repositories/read-state.repository.js";
import { RelationshipRepository } from "./repositories/relationship.repository.js";
import { ThreadRepository } from "./repositories/thread.repository.js";

export interface MessagingRepositories {
  messages: MessageRepository;
  reactions: ReactionRepository;
  threads: ThreadRepository;
  readStates: ReadStateRepository;
  dmChannels: DmChannelRepository;
  relationships: RelationshipRepository;
  search: MessageSearchWriter;
}

export class MessagingStore {
  readonly repos: MessagingRepositories;

  constructor(
    private readonly db: Db,
    private readonly searchEngine: MessageSearchEngine,
  ) {
    this.repos = this.bind(db);
  }

  /** Runs `work` in one transaction: the message rows and their search entries commit together or not at all. */
  transaction<T>(work: (repos: MessagingRepositories) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => work(this.bind(trx)));
  }

  private bind(db: Db): MessagingRepositories {
    return {
      messages: new MessageRepository(db),
      reactions: new ReactionRepository(db),
      threads: new ThreadRepository(db),
      readStates: new ReadStateRepository(db),
      dmChannels: new DmChannelRepository(db),
      relationships: new RelationshipRepository(db),
      search: this.searchEngine.writer(db),
    };
  }
}
