/**
 * Table types for Kysely. Ids are bigint columns, read back as decimal strings (see IdColumnsPlugin);
 * times are milliseconds since the Unix epoch; flags are 0/1 integers so one schema fits SQLite and PostgreSQL.
 */
import type { Generated } from "kysely";

export interface UsersTable {
  id: string;
  username: string;
  username_key: string;
  password_hash: string;
  email: string | null;
  display_name: string | null;
  avatar: string | null;
  bio: string | null;
  pronouns: string | null;
  accent_color: number | null;
  bot: Generated<number>;
  totp_secret: string | null;
  totp_enabled: Generated<number>;
  totp_last_step: number | null;
  created_at: number;
  deleted_at: number | null;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  device_name: string | null;
  ip: string | null;
  created_at: number;
  last_used_at: number;
  expires_at: number;
}

export interface RefreshTokensTable {
  token_hash: string;
  session_id: string;
  created_at: number;
  used_at: number | null;
}

export interface RecoveryCodesTable {
  code_hash: string;
  user_id: string;
  used_at: number | null;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  refresh_tokens: RefreshTokensTable;
  recovery_codes: RecoveryCodesTable;
}
