/**
 * Keeps this node's presence alive and notices dead nodes: every third of the node TTL it renews its heartbeat and
 * reaps nodes whose heartbeat expired (their users go offline). Lite's store makes both no-ops.
 */
import type { PresenceStore } from "../../presence/presence-store.js";
import type { PresenceService } from "./presence.service.js";

export interface PresenceHeartbeatDeps {
  store: Pick<PresenceStore, "heartbeat">;
  presence: Pick<PresenceService, "reapDeadNodes">;
  nodeTtlMs: number;
  onError(error: unknown): void;
}

export class PresenceHeartbeat {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly deps: PresenceHeartbeatDeps) {}

  start(): void {
    if (this.timer) return;
    this.beat();
    this.timer = setInterval(() => this.beat(), Math.max(1, Math.floor(this.deps.nodeTtlMs / 3))).unref();
  }

  /** Stops beating and waits for a beat in progress. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private beat(): void {
    if (this.running) return;
    this.running = (async () => {
      await this.deps.store.heartbeat();
      await this.deps.presence.reapDeadNodes();
    })()
      .catch((error: unknown) => this.deps.onError(error))
      .finally(() => {
        this.running = undefined;
      });
  }
}
