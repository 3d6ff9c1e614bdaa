/**
 * Link previews, off the request path: after a send or edit, a background job fetches each link (up to five) through
 * the SSRF-safe previewer, stores the embeds on the message and dispatches MESSAGE_UPDATE. Jobs are rows
 * (link_preview_jobs), written with the message, so they outlive the node that took the request: every node claims
 * due jobs with a lease, a few at a time; a job whose node died is taken again when its lease runs out (on lite, at
 * the next start). A failed run is retried with backoff, then given up. The preview cache is shared, so a popular
 * link is fetched once.
 */
import { type Embed, MessageFlags, previewableUrls } from "@nexus/protocol";
import type { EventPublisher } from "../../bus/bus.js";
import type { LinkPreviewer } from "../../previews/link-preview.js";
import type { MessagingStore } from "../../storage/messaging-store.js";
import type { LinkPreviewRepository } from "../../storage/repositories/link-preview.repository.js";
import type {
  LinkPreviewJob,
  LinkPreviewJobRepository,
} from "../../storage/repositories/link-preview-job.repository.js";
import type { MessageRow } from "../../storage/repositories/message.repository.js";
import { type ChannelAccess, hasPermission } from "./channel-access.js";
import { neutral } from "./message.service.js";
import { publishToChannel } from "./message-events.js";
import type { MessagePresenter } from "./message-presenter.js";

export interface LinkPreviewJobsDeps {
  store: MessagingStore;
  jobs: LinkPreviewJobRepository;
  access: ChannelAccess;
  previewer: LinkPreviewer;
  settings: LinkPreviewRepository;
  presenter: MessagePresenter;
  events: EventPublisher;
  /** Where clients load a previewed image from: this server's signed media-proxy path for the original URL. */
  proxyPath: (url: string) => string;
  /** Jobs running at once on this node. */
  concurrency: number;
  /** Lite: this is the only node, so at start every lease belongs to a process that is gone. */
  singleNode: boolean;
  /** How often to look for due jobs (retries, and jobs other nodes recorded or abandoned). */
  pollMs: number;
  now?: () => number;
  onError: (error: unknown) => void;
}

/** What the message service needs: record the job (in the message's transaction, or after an edit), then wake. */
export interface LinkPreviewScheduler {
  /** Records a job for the row if it has links or embeds, and wakes the worker. */
  schedule(row: MessageRow): Promise<void>;
  /** A job was recorded in a transaction that has now committed. */
  wake(): void;
}

/** A job holds its lease this long: well past a run's worst case (fetch deadlines of 10 s, plus oEmbed). */
export const PREVIEW_LEASE_MS = 2 * 60 * 1000;
/** Runs per job before it is given up; the waits between them. */
export const PREVIEW_MAX_ATTEMPTS = 3;
const RETRY_DELAYS_MS = [30_000, 120_000];

export const needsPreviewJob = (row: MessageRow) => row.embeds !== "[]" || previewableUrls(row.content).length > 0;

export class LinkPreviewJobs implements LinkPreviewScheduler {
  private readonly now: () => number;
  private readonly active = new Set<Promise<void>>();
  private pass: Promise<void> | undefined;
  private passAgain = false;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly deps: LinkPreviewJobsDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** Resumes jobs left by a previous run, then polls for due ones. */
  start(): void {
    if (this.timer || this.stopped) return;
    this.timer = setInterval(() => this.wake(), this.deps.pollMs);
    this.timer.unref();
    if (!this.deps.singleNode) {
      this.wake();
      return;
    }
    this.pass = this.deps.jobs
      .releaseLeases()
      .catch(this.deps.onError)
      .finally(() => {
        this.pass = undefined;
        this.wake();
      });
  }

  async schedule(row: MessageRow): Promise<void> {
    if (!needsPreviewJob(row)) return;
    await this.deps.jobs.enqueue(row.id, row.channel_id, this.now());
    this.wake();
  }

  wake(): void {
    if (this.stopped || !this.timer) return;
    if (this.pass) {
      this.passAgain = true;
      return;
    }
    this.pass = this.claim()
      .catch(this.deps.onError)
      .finally(() => {
        this.pass = undefined;
        if (this.passAgain) {
          this.passAgain = false;
          this.wake();
        }
      });
  }

  /** Resolves once this node is claiming nothing and running nothing (due jobs included). */
  async idle(): Promise<void> {
    while (this.pass || this.active.size > 0) {
      await this.pass;
      await Promise.all(this.active);
    }
  }

  /** Stops claiming and waits for the running jobs (each bounded by the fetcher's deadline). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.idle();
  }

  /** Claims due jobs while this node has room. */
  private async claim(): Promise<void> {
    for (;;) {
      const room = this.deps.concurrency - this.active.size;
      if (room <= 0 || this.stopped) return;
      const jobs = await this.deps.jobs.claimDue(this.now(), PREVIEW_LEASE_MS, room);
      if (jobs.length === 0) return;
      for (const job of jobs) {
        const running: Promise<void> = this.run(job).finally(() => {
          this.active.delete(running);
          this.wake();
        });
        this.active.add(running);
      }
    }
  }

  private async run(job: LinkPreviewJob): Promise<void> {
    try {
      await this.process(job);
      await this.deps.jobs.finish(job);
    } catch (error) {
      this.deps.onError(error);
      const delay = RETRY_DELAYS_MS[job.attempts - 1];
      const next =
        job.attempts >= PREVIEW_MAX_ATTEMPTS || delay === undefined
          ? this.deps.jobs.finish(job)
          : this.deps.jobs.retryAt(job, this.now() + delay);
      // If even this fails, the lease runs out and another pass takes the job again.
      await next.catch(this.deps.onError);
    }
  }

  private async process(job: LinkPreviewJob): Promise<void> {
    const { messages } = this.deps.store.repos;
    const row = await messages.findInChannel(job.channel_id, job.message_id);
    if (!row) return;
    const kept = (JSON.parse(row.embeds) as Embed[]).filter((e) => e.type === "rich");
    const embeds = JSON.stringify([...kept, ...(await this.previewsFor(row))]);
    // Stored only if the content and flags are still what was previewed; a later edit rescheduled the job anyway.
    if (embeds === row.embeds || !(await messages.updateEmbeds(row.id, embeds, row))) return;
    const view = await this.deps.access.system(row.channel_id);
    if (!view) return;
    const message = await this.deps.presenter.presentOne({ ...row, embeds }, row.author_id);
    await publishToChannel(this.deps.events, view, "MESSAGE_UPDATE", { ...message, reactions: neutral(message) });
  }

  /** Nothing when suppressed, when the author lacks EMBED_LINKS there, or when the server or the author said no. */
  private async previewsFor(row: MessageRow): Promise<Embed[]> {
    if ((row.flags & MessageFlags.SUPPRESS_EMBEDS) !== 0) return [];
    const urls = previewableUrls(row.content);
    if (urls.length === 0) return [];
    const view = await this.deps.access.view(row.author_id, row.channel_id).catch(() => undefined);
    if (!view || !hasPermission(view, "EMBED_LINKS")) return [];
    const scopes = view.guildId ? [row.author_id, view.guildId] : [row.author_id];
    if ((await this.deps.settings.disabledAmong(scopes)).length > 0) return [];
    const previews = await Promise.all(urls.map((url) => this.deps.previewer.preview(url)));
    return previews.filter((embed): embed is Embed => embed !== null).map((embed) => this.proxied(embed));
  }

  /** Clients load preview images from our proxy, never from the linked site. */
  private proxied(embed: Embed): Embed {
    const proxy = (media: Embed["image"]) => media && { ...media, proxy_url: this.deps.proxyPath(media.url) };
    return { ...embed, image: proxy(embed.image), thumbnail: proxy(embed.thumbnail) };
  }
}
