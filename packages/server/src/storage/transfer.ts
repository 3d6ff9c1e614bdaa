/**
 * Moves a lite install to PostgreSQL: applies the migrations to an empty target, copies every row of every table
 * in one transaction, then compares row counts on both sides. Foreign keys are honoured by copying tables in
 * dependency order; a nullable reference to the same or a later table (a reply to a message, a guild's system
 * channel) is filled in after all rows are in.
 */
import { type Kysely, sql } from "kysely";
import type { Db } from "./database.js";
import { migrateToLatest, migrationStatus } from "./migrations/index.js";

type Row = Record<string, unknown>;
/** Tables are only known at run time here. */
type AnyDb = Kysely<Record<string, Row>>;

/** Not copied: migration state, and an external search index's outbox (run `nexus search reindex` after). */
const BOOKKEEPING = new Set(["nexus_migrations", "nexus_migrations_lock", "search_outbox", "search_outbox_lease"]);
/** PostgreSQL accepts at most 65535 parameters per statement. */
const MAX_PARAMETERS = 30_000;

export class TransferError extends Error {}

interface TableInfo {
  name: string;
  columns: string[];
  primaryKey: string[];
  notNull: Set<string>;
  references: { column: string; table: string }[];
}

export interface TransferReport {
  tables: { name: string; source: number; target: number }[];
  /** Source tables with no counterpart in PostgreSQL (SQLite-only indexes such as full-text search). */
  skipped: string[];
}

async function sourceTables(source: Db): Promise<TableInfo[]> {
  const { rows } = await sql<{ name: string }>`
    select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(source);
  const tables: TableInfo[] = [];
  for (const { name } of rows) {
    if (BOOKKEEPING.has(name)) continue;
    const columns = await sql<{ name: string; notnull: number; pk: number }>`
      select name, "notnull", pk from pragma_table_info(${name})`.execute(source);
    const keys = await sql<{ from: string; table: string }>`
      select "from", "table" from pragma_foreign_key_list(${name})`.execute(source);
    tables.push({
      name,
      columns: columns.rows.map((c) => c.name),
      primaryKey: columns.rows
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => c.name),
      notNull: new Set(columns.rows.filter((c) => c.notnull === 1).map((c) => c.name)),
      references: keys.rows.map((k) => ({ column: k.from, table: k.table })),
    });
  }
  return tables;
}

async function targetColumns(target: Db): Promise<Map<string, Set<string>>> {
  const { rows } = await sql<{ table_name: string; column_name: string }>`
    select c.table_name, c.column_name from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'`.execute(target);
  const tables = new Map<string, Set<string>>();
  for (const { table_name, column_name } of rows) {
    const columns = tables.get(table_name) ?? new Set<string>();
    columns.add(column_name);
    tables.set(table_name, columns);
  }
  return tables;
}

async function assertTargetEmpty(target: Db): Promise<void> {
  for (const table of (await targetColumns(target)).keys()) {
    if (BOOKKEEPING.has(table)) continue;
    const { rows } = await sql<{ found: number }>`select 1 as found from ${sql.table(table)} limit 1`.execute(target);
    if (rows.length > 0) {
      throw new TransferError(
        `the target database is not empty (table "${table}" has rows); transfer only into a new, empty database`,
      );
    }
  }
}

/** Orders tables so every NOT NULL reference points to an earlier table; returns the references to fill in later. */
function plan(tables: TableInfo[]): { order: TableInfo[]; deferred: Map<string, string[]> } {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const order: TableInfo[] = [];
  const placed = new Set<string>();
  const visiting = new Set<string>();
  const visit = (table: TableInfo) => {
    if (placed.has(table.name)) return;
    if (visiting.has(table.name)) throw new TransferError(`tables reference each other in a cycle at "${table.name}"`);
    visiting.add(table.name);
    for (const ref of table.references) {
      const target = byName.get(ref.table);
      if (target && target !== table && table.notNull.has(ref.column)) visit(target);
    }
    visiting.delete(table.name);
    placed.add(table.name);
    order.push(table);
  };
  for (const table of tables) visit(table);
  const position = new Map(order.map((t, i) => [t.name, i]));
  const deferred = new Map<string, string[]>();
  for (const table of order) {
    const later = table.references
      .filter((ref) => (position.get(ref.table) ?? -1) >= (position.get(table.name) ?? 0))
      .map((ref) => ref.column);
    if (later.length > 0) deferred.set(table.name, [...new Set(later)]);
  }
  return { order, deferred };
}

/** Reads without IdColumnsPlugin, so every value reaches PostgreSQL exactly as SQLite stored it (BigInt stays BigInt). */
async function* readBatches(source: Db, table: TableInfo): AsyncGenerator<Row[]> {
  const raw = source.withoutPlugins();
  const batchSize = Math.max(1, Math.floor(MAX_PARAMETERS / table.columns.length));
  let after: unknown;
  for (;;) {
    const { rows } = await sql<Row>`
      select rowid as nexus_transfer_rowid, * from ${sql.table(table.name)}
      ${after === undefined ? sql`` : sql`where rowid > ${after}`}
      order by rowid limit ${batchSize}`.execute(raw);
    if (rows.length === 0) return;
    after = rows.at(-1)?.nexus_transfer_rowid;
    yield rows.map(({ nexus_transfer_rowid: _, ...row }) => row);
  }
}

async function countRows(db: Db, table: string): Promise<number> {
  const { rows } = await sql<{ count: number }>`select count(*) as count from ${sql.table(table)}`.execute(db);
  return Number(rows[0]?.count ?? 0);
}

export async function transferDatabase(source: Db, target: Db): Promise<TransferReport> {
  const pending = (await migrationStatus(source)).filter((m) => !m.applied).map((m) => m.name);
  if (pending.length > 0) {
    throw new TransferError(
      `the source database has pending migrations (${pending.join(", ")}); run "nexus migrate up --lite" on it first`,
    );
  }
  await assertTargetEmpty(target);
  await migrateToLatest(target);

  const targetTables = await targetColumns(target);
  const all = await sourceTables(source);
  const copied = all.filter((t) => targetTables.has(t.name));
  for (const table of copied) {
    const missing = table.columns.filter((c) => !targetTables.get(table.name)?.has(c));
    if (missing.length > 0) {
      throw new TransferError(`PostgreSQL table "${table.name}" lacks column(s) ${missing.join(", ")}`);
    }
  }
  const { order, deferred } = plan(copied);

  await target.transaction().execute(async (trx) => {
    const db = trx as unknown as AnyDb;
    for (const table of order) {
      const later = deferred.get(table.name) ?? [];
      for await (const rows of readBatches(source, table)) {
        const values = rows.map((row) => ({ ...row, ...Object.fromEntries(later.map((c) => [c, null])) }));
        await db.insertInto(table.name).values(values).execute();
      }
    }
    for (const table of order) {
      const later = deferred.get(table.name);
      if (!later) continue;
      if (table.primaryKey.length === 0) throw new TransferError(`table "${table.name}" has no primary key`);
      for await (const rows of readBatches(source, table)) {
        for (const row of rows) {
          const changes = Object.fromEntries(later.map((c) => [c, row[c]]));
          if (Object.values(changes).every((v) => v === null)) continue;
          let update = db.updateTable(table.name).set(changes);
          for (const key of table.primaryKey) update = update.where(key, "=", row[key]);
          await update.execute();
        }
      }
    }
  });

  const report: TransferReport = {
    tables: [],
    skipped: all.filter((t) => !targetTables.has(t.name)).map((t) => t.name),
  };
  for (const table of order) {
    report.tables.push({
      name: table.name,
      source: await countRows(source, table.name),
      target: await countRows(target, table.name),
    });
  }
  const mismatched = report.tables.filter((t) => t.source !== t.target);
  if (mismatched.length > 0) {
    throw new TransferError(
      `row counts differ after the copy: ${mismatched.map((t) => `${t.name} ${t.source} → ${t.target}`).join(", ")}`,
    );
  }
  return report;
}
