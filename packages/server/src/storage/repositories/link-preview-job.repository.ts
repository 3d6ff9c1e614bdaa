/** SQL for pending link-preview jobs: enqueue, claim with a lease (each job runs on one node), finish, retry. */
import { randomUUID } from "node:crypto";
import { PostgresAdapter } from "kysely";
import type { Db } from "../database.js";

export interface LinkPreviewJob {
  message_id: string;
  channel_id: string;
  token: string;
  /** Including the run that claimed it. */
  attempts: number;
}

export class LinkPreviewJobRepository {
  constructor(private readonly db: Db) {}

  /** Schedules (or, after an edit, reschedules from scratch) the message's job. */
  async enqueue(messageId: string, channelId: string, now: number): Promise<void> {
    const job = { token: randomUUID(), attempts: 0, run_at: now, locked_until: null };
    await this.db
      .insertInto("link_preview_jobs")
      .values({ message_id: messageId, channel_id: channelId, ...job })
      .onConflict((oc) => oc.column("message_id").doUpdateSet(job))
      .execute();
  }

  /**
   * Takes up to `limit` due jobs nobody holds, leasing them until `now + leaseMs`. On PostgreSQL the rows are
   * picked FOR UPDATE SKIP LOCKED, so nodes claiming at once each get different jobs; SQLite has one writer.
   */
  async claimDue(now: number, leaseMs: number, limit: number): Promise<LinkPreviewJob[]> {
    const skipLocked = this.db.getExecutor().adapter instanceof PostgresAdapter;
    return this.db
      .updateTable("link_preview_jobs")
      .set((eb) => ({ locked_until: now + leaseMs, attempts: eb("attempts", "+", 1) }))
      .where("message_id", "in", (eb) => {
        const due = eb
          .selectFrom("link_preview_jobs")
          .select("message_id")
          .where("run_at", "<=", now)
          .where((w) => w.or([w("locked_until", "is", null), w("locked_until", "<", now)]))
          .orderBy("run_at")
          .limit(limit);
        return skipLocked ? due.forUpdate().skipLocked() : due;
      })
      .returning(["message_id", "channel_id", "token", "attempts"])
      .execute();
  }

  /** Done (or given up): removed unless an edit rescheduled it meanwhile. */
  async finish(job: LinkPreviewJob): Promise<void> {
    await this.db
      .deleteFrom("link_preview_jobs")
      .where("message_id", "=", job.message_id)
      .where("token", "=", job.token)
      .execute();
  }

  async retryAt(job: LinkPreviewJob, runAt: number): Promise<void> {
    await this.db
      .updateTable("link_preview_jobs")
      .set({ run_at: runAt, locked_until: null })
      .where("message_id", "=", job.message_id)
      .where("token", "=", job.token)
      .execute();
  }

  /** Single-node (lite) startup: every lease was held by a process that is gone. */
  async releaseLeases(): Promise<void> {
    await this.db
      .updateTable("link_preview_jobs")
      .set({ locked_until: null })
      .where("locked_until", "is not", null)
      .execute();
  }
}
