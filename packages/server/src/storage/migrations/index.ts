/** The one migration set, applied in name order on SQLite and PostgreSQL alike. Add new files at the end. */
import { type Migration, type MigrationProvider, type MigrationResultSet, Migrator } from "kysely";
import type { Db } from "../database.js";
import { DatabaseUnavailableError } from "../unavailable.js";
import * as accounts from "./0001-accounts.js";
import * as passwordResets from "./0002-password-resets.js";
import * as communities from "./0010-communities.js";
import * as memberTimeouts from "./0011-member-timeouts.js";
import * as messaging from "./0030-messaging.js";
import * as messageSearch from "./0031-message-search.js";
import * as slowmodePosts from "./0032-slowmode-posts.js";
import * as attachments from "./0040-attachments.js";
import * as blobClaims from "./0041-blob-claims.js";
import * as linkPreviewJobs from "./0042-link-preview-jobs.js";
import * as customEmoji from "./0060-custom-emoji.js";
import * as linkPreviews from "./0061-link-previews.js";
import * as searchOutbox from "./0062-search-outbox.js";

const MIGRATIONS: Record<string, Migration> = {
  "0001-accounts": accounts,
  "0002-password-resets": passwordResets,
  "0010-communities": communities,
  "0011-member-timeouts": memberTimeouts,
  "0030-messaging": messaging,
  "0031-message-search": messageSearch,
  "0032-slowmode-posts": slowmodePosts,
  "0040-attachments": attachments,
  "0041-blob-claims": blobClaims,
  "0042-link-preview-jobs": linkPreviewJobs,
  "0060-custom-emoji": customEmoji,
  "0061-link-previews": linkPreviews,
  "0062-search-outbox": searchOutbox,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

export function migrator(db: Db): Migrator {
  return new Migrator({
    db,
    provider,
    migrationTableName: "nexus_migrations",
    migrationLockTableName: "nexus_migrations_lock",
    // Feature branches land migrations in parallel; each touches only its own tables.
    allowUnorderedMigrations: true,
  });
}

/** Applies every pending migration; throws with the failing migration's name and cause. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const result: MigrationResultSet = await migrator(db).migrateToLatest();
  if (result.error) {
    if (result.error instanceof DatabaseUnavailableError) throw result.error;
    const failed = result.results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
    throw new Error(`migration ${failed} failed: ${(result.error as Error).message}`, { cause: result.error });
  }
  return (result.results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

export async function migrationStatus(db: Db): Promise<{ name: string; applied: boolean }[]> {
  const all = await migrator(db).getMigrations();
  return all.map((m) => ({ name: m.name, applied: m.executedAt !== undefined }));
}
