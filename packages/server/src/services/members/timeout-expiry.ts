/**
 * Ends member timeouts when they run out, so clients see it: clears timeout_until and publishes
 * GUILD_MEMBER_UPDATE. Permission checks never wait for this (the resolver compares timeout_until with the clock);
 * this only makes the end observable.
 *
 * Every node runs one. It sleeps until the earliest timeout still running ends (a timeout set on this node wakes it
 * sooner) and polls at least every `pollIntervalMs` for timeouts set on other nodes. Nodes race to expire the same
 * member through a compare-and-set on the stored value, so exactly one of them publishes the update.
 */
import type { AccessService } from "../../access/access.service.js";
import type { Store } from "../../storage/store.js";
import type { CommunityEvents } from "../community-events.js";
import { toMember } from "../guilds/community-presenter.js";

export interface TimeoutExpiryDeps {
  store: Store;
  access: AccessService;
  events: CommunityEvents;
  now: () => number;
  pollIntervalMs: number;
  onError: (error: unknown) => void;
}

/** How many ended timeouts one pass clears before looking again. */
const BATCH = 100;

export class TimeoutExpiry {
  private timer: NodeJS.Timeout | undefined;
  private wakeAt = Number.POSITIVE_INFINITY;
  private running: Promise<void> | undefined;
  private stopped = true;

  constructor(private readonly deps: TimeoutExpiryDeps) {}

  start(): void {
    this.stopped = false;
    this.wake(this.deps.now());
  }

  /** Stops scheduling and waits for a pass in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Makes sure a pass runs no later than `at` (a timeout ending then was just set on this node). */
  wake(at: number): void {
    if (this.stopped || at >= this.wakeAt) return;
    clearTimeout(this.timer);
    this.wakeAt = at;
    this.timer = setTimeout(() => this.pass(), Math.max(0, at - this.deps.now()));
    this.timer.unref();
  }

  private pass(): void {
    this.timer = undefined;
    this.wakeAt = Number.POSITIVE_INFINITY;
    if (this.running) {
      this.wake(this.deps.now() + 50);
      return;
    }
    this.running = this.expireDue()
      .catch(this.deps.onError)
      .then(() => this.scheduleNext())
      .catch(this.deps.onError)
      .finally(() => {
        this.running = undefined;
      });
  }

  private async expireDue(): Promise<void> {
    const { members } = this.deps.store.repos;
    for (;;) {
      const ended = await members.expiredTimeouts(this.deps.now(), BATCH);
      for (const { guild_id, user_id, timeout_until } of ended) {
        if (timeout_until === null || !(await members.clearTimeout(guild_id, user_id, timeout_until))) continue;
        this.deps.access.changed({ guild_id, user_id });
        const member = await members.findWithUser(guild_id, user_id);
        if (member) await this.deps.events.toGuild(guild_id, "GUILD_MEMBER_UPDATE", toMember(member));
      }
      if (ended.length < BATCH || this.stopped) return;
    }
  }

  private async scheduleNext(): Promise<void> {
    const next = await this.deps.store.repos.members.nextTimeoutEnd();
    this.wake(Math.min(next ?? Number.POSITIVE_INFINITY, this.deps.now() + this.deps.pollIntervalMs));
  }
}
