/**
 * Group commit: transactions that arrive in the same event-loop turn run one after another inside ONE database
 * transaction, each in its own savepoint, and are all settled after its single COMMIT. On SQLite every commit is
 * an fsync (synchronous=FULL) and the one connection runs transactions serially anyway, so grouping turns N fsyncs
 * into one without losing parallelism or durability: nobody's promise resolves before the COMMIT that made their
 * writes durable has returned, and a unit of work that throws is rolled back to its savepoint alone.
 */
import { sql, type Transaction } from "kysely";
import type { Db } from "./database.js";
import type { Database } from "./schema.js";

type Work = (trx: Transaction<Database>) => Promise<unknown>;

interface Pending {
  work: Work;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** Bounds a group, so one COMMIT never waits behind an unbounded queue. */
const MAX_GROUP = 256;

export class GroupCommit {
  private queue: Pending[] = [];
  private scheduled = false;

  constructor(private readonly db: Db) {}

  run<T>(work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // setImmediate runs after the poll phase, so every request read in this turn has queued its work by then.
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    const group = this.queue.splice(0, MAX_GROUP);
    if (this.queue.length > 0) this.schedule();
    if (group.length === 0) return;
    let outcomes: Outcome[];
    try {
      outcomes = await this.db.transaction().execute((trx) => runEach(trx, group));
    } catch (error) {
      // The COMMIT (or the transaction as a whole) failed: nothing in this group was stored.
      for (const pending of group) pending.reject(error);
      return;
    }
    group.forEach((pending, i) => {
      const outcome = outcomes[i] as Outcome;
      if (outcome.ok) pending.resolve(outcome.value);
      else pending.reject(outcome.error);
    });
  }
}

async function runEach(trx: Transaction<Database>, group: Pending[]): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const pending of group) {
    await sql`savepoint grouped`.execute(trx);
    try {
      const value = await pending.work(trx);
      await sql`release savepoint grouped`.execute(trx);
      outcomes.push({ ok: true, value });
    } catch (error) {
      // If the database already aborted the whole transaction this throws too, and the group fails as a unit.
      await sql`rollback to savepoint grouped`.execute(trx);
      await sql`release savepoint grouped`.execute(trx);
      outcomes.push({ ok: false, error });
    }
  }
  return outcomes;
}
