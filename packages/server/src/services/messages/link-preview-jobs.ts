/**
 * Link previews, off the request path: after a send or edit, a background job fetches each link (up to five) through
 * the SSRF-safe previewer, stores the embeds on the message and dispatches MESSAGE_UPDATE. Jobs run on the node that
 * took the request, a few at a time; the preview cache is shared, so a popular link is fetched once.
 */
import { type Embed, MessageFlags, previewableUrls } from "@nexus/protocol";
import type { EventPublisher } from "../../bus/bus.js";
import type { LinkPreviewer } from "../../previews/link-preview.js";
import type { MessagingStore } from "../../storage/messaging-store.js";
import type { LinkPreviewRepository } from "../../storage/repositories/link-preview.repository.js";
import type { MessageRow } from "../../storage/repositories/message.repository.js";
import { type ChannelAccess, hasPermission } from "./channel-access.js";
import { neutral } from "./message.service.js";
import { publishToChannel } from "./message-events.js";
import type { MessagePresenter } from "./message-presenter.js";

export interface LinkPreviewJobsDeps {
  store: MessagingStore;
  access: ChannelAccess;
  previewer: LinkPreviewer;
  settings: LinkPreviewRepository;
  presenter: MessagePresenter;
  events: EventPublisher;
  /** Where clients load a previewed image from: this server's signed media-proxy path for the original URL. */
  proxyPath: (url: string) => string;
  /** Jobs running at once on this node. */
  concurrency: number;
  onError: (error: unknown) => void;
}

/** What the message service needs: a fire-and-forget "this message's content or flags changed". */
export interface LinkPreviewScheduler {
  schedule(row: MessageRow): void;
}

const hasLinksOrEmbeds = (row: MessageRow) => row.embeds !== "[]" || previewableUrls(row.content).length > 0;

export class LinkPreviewJobs implements LinkPreviewScheduler {
  private readonly queue: MessageRow[] = [];
  private running = 0;
  private stopped = false;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly deps: LinkPreviewJobsDeps) {}

  schedule(row: MessageRow): void {
    if (this.stopped || !hasLinksOrEmbeds(row)) return;
    this.queue.push(row);
    this.pump();
  }

  /** Resolves once nothing is queued or running. */
  idle(): Promise<void> {
    if (this.running === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Drops queued jobs and waits for the running ones (each bounded by the fetcher's deadline). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.queue.length = 0;
    await this.idle();
  }

  private pump(): void {
    while (this.running < this.deps.concurrency && this.queue.length > 0) {
      const row = this.queue.shift() as MessageRow;
      this.running++;
      this.process(row)
        .catch(this.deps.onError)
        .finally(() => {
          this.running--;
          this.pump();
          if (this.running === 0 && this.queue.length === 0) {
            for (const resolve of this.idleWaiters.splice(0)) resolve();
          }
        });
    }
  }

  private async process(scheduled: MessageRow): Promise<void> {
    const { messages } = this.deps.store.repos;
    const row = await messages.findInChannel(scheduled.channel_id, scheduled.id);
    // Deleted, or edited again since: the later edit scheduled its own job.
    if (!row || row.content !== scheduled.content || row.flags !== scheduled.flags) return;
    const kept = (JSON.parse(row.embeds) as Embed[]).filter((e) => e.type === "rich");
    const embeds = JSON.stringify([...kept, ...(await this.previewsFor(row))]);
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
