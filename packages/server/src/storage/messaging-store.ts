/**
 * The messaging repositories as one unit of work, with the search index writer and the attachment rows bound to the
 * same transaction.
 */
import type { MessageSearchEngine, MessageSearchWriter } from "../search/message-search.js";
import type { Db } from "./database.js";
import { GroupCommit } from "./group-commit.js";
import { AttachmentRepository } from "./repositories/attachment.repository.js";
import { BlobRefRepository } from "./repositories/blob-ref.repository.js";
import { DmChannelRepository } from "./repositories/dm-channel.repository.js";
import { LinkPreviewJobRepository } from "./repositories/link-preview-job.repository.js";
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
  attachments: AttachmentRepository;
  blobRefs: BlobRefRepository;
  previewJobs: LinkPreviewJobRepository;
}

export class MessagingStore {
  readonly repos: MessagingRepositories;
  private readonly groupCommit: GroupCommit | undefined;

  /** `groupCommits`: the driver runs transactions one at a time, so concurrent ones may share a commit. */
  constructor(
    private readonly db: Db,
    private readonly searchEngine: MessageSearchEngine,
    { groupCommits = false } = {},
  ) {
    this.repos = this.bind(db);
    this.groupCommit = groupCommits ? new GroupCommit(db) : undefined;
  }

  /**
   * Runs `work` in one transaction: the message rows and their search entries commit together or not at all, and
   * the promise settles only after that commit. `work` must use only the repositories it is given.
   */
  transaction<T>(work: (repos: MessagingRepositories) => Promise<T>): Promise<T> {
    if (this.groupCommit) return this.groupCommit.run((trx) => work(this.bind(trx)));
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
      attachments: new AttachmentRepository(db),
      blobRefs: new BlobRefRepository(db),
      previewJobs: new LinkPreviewJobRepository(db),
    };
  }
}
