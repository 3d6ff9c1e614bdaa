/**
 * Periodic messaging upkeep on every node: archives threads idle past their auto-archive duration (publishing
 * THREAD_UPDATE), drops nonce claims older than the idempotency window and slowmode claims older than the longest
 * slowmode, deletes unsent or orphaned attachments, and drops expired link-preview cache entries. All are idempotent, so nodes may overlap; a pass never
 * starts while the previous one runs.
 */
import { MAX_SLOWMODE_SECONDS, NONCE_WINDOW_MS } from "@nexus/protocol";
import type { LinkPreviewRepository } from "../../storage/repositories/link-preview.repository.js";
import type { MessageRepository } from "../../storage/repositories/message.repository.js";
import type { AttachmentService } from "../attachments/attachment.service.js";
import type { ThreadService } from "../threads/thread.service.js";

export interface MessagingSweeperDeps {
  threads: ThreadService;
  messages: MessageRepository;
  attachments: AttachmentService;
  linkPreviews: LinkPreviewRepository;
  intervalMs: number;
  now: () => number;
  onError: (error: unknown) => void;
}

export class MessagingSweeper {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly deps: MessagingSweeperDeps) {}

  start(): void {
    this.timer ??= setInterval(() => {
      this.running ??= this.sweep()
        .catch(this.deps.onError)
        .finally(() => {
          this.running = undefined;
        });
    }, this.deps.intervalMs);
    this.timer.unref();
  }

  /** Stops scheduling and waits for a pass in progress. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  async sweep(): Promise<void> {
    const now = this.deps.now();
    await this.deps.threads.archiveIdle(now);
    await this.deps.messages.purgeNonces(now - NONCE_WINDOW_MS);
    await this.deps.attachments.sweep();
    await this.deps.messages.purgeSlowmodePosts(now - MAX_SLOWMODE_SECONDS * 1000);
    await this.deps.linkPreviews.sweep(now);
  }
}
