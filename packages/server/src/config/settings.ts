/** Every setting Nexus reads: its key, type, default and documentation, in one table. */
import { z } from "zod";

export interface SettingDefinition {
  /** Dotted key as written in nexus.toml, e.g. "server.port". */
  key: string;
  schema: z.ZodType;
  default: unknown;
  doc: string;
  /** Never printed. The ones writeFirstRunConfig generates are written to nexus.toml on first run. */
  secret?: boolean;
}

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().min(1);
const bool = z.union([
  z.boolean(),
  z
    .enum(["true", "false", "on", "off", "1", "0", "yes", "no"])
    .transform((v) => v === "true" || v === "on" || v === "1" || v === "yes"),
]);
const stringList = z.union([
  z.array(z.string()),
  z.string().transform((v) =>
    v
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  ),
]);

export const SETTINGS: readonly SettingDefinition[] = [
  {
    key: "data_dir",
    schema: z.string().min(1),
    default: "./data",
    doc: "Where Nexus keeps its database and files. Written here, a relative path is from this file's folder; as --data-dir or NEXUS_DATA_DIR, from the working directory.",
  },
  {
    key: "server.host",
    schema: z.string().min(1),
    default: "127.0.0.1",
    doc: 'Interface to listen on. "127.0.0.1" serves this machine only; "0.0.0.0" serves the network.',
  },
  { key: "server.port", schema: port, default: 8080, doc: "TCP port for the web client, REST API and gateway." },
  {
    key: "server.public_url",
    schema: z.union([z.literal(""), z.url()]),
    default: "",
    doc: 'The address users reach this server at, e.g. "https://chat.example.org" (used in links). Empty: derived from host and port.',
  },
  {
    key: "server.trust_proxy",
    schema: bool,
    default: false,
    doc: "Trust X-Forwarded-For/-Proto from a reverse proxy in front of Nexus. Only enable behind one.",
  },
  {
    key: "server.body_limit_bytes",
    schema: positiveInt,
    default: 1_048_576,
    doc: "Largest JSON request body accepted, in bytes (uploads have their own limit).",
  },
  {
    key: "server.cors_origins",
    schema: stringList,
    default: [],
    doc: 'Other web origins allowed to call the API from a browser, e.g. ["https://app.example.org"]. Empty: same origin only.',
  },
  {
    key: "server.shutdown_timeout_ms",
    schema: positiveInt,
    default: 10_000,
    doc: "On SIGINT/SIGTERM, how long to wait for in-flight requests before closing anyway.",
  },
  {
    key: "database.url",
    schema: z.union([
      z.literal(""),
      z.string().regex(/^postgres(ql)?:\/\//, 'must be empty (SQLite) or start with "postgres://"'),
    ]),
    default: "",
    doc: 'Empty: the embedded SQLite database in data_dir (lite). "postgres://user:pass@host/db": PostgreSQL (scale-out).',
  },
  {
    key: "database.pool_size",
    schema: z.coerce.number().int().min(1).max(1000),
    default: 10,
    doc: "PostgreSQL only: most connections this node keeps open. Keep nodes × pool_size below max_connections.",
  },
  {
    key: "database.connect_timeout_ms",
    schema: positiveInt,
    default: 5_000,
    doc: "PostgreSQL only: how long a request waits for a connection before failing with 503 SERVICE_UNAVAILABLE.",
  },
  {
    key: "redis.url",
    schema: z.union([z.literal(""), z.string().regex(/^rediss?:\/\//, 'must be empty or start with "redis://"')]),
    default: "",
    doc: 'Empty: in-process pub/sub (lite). "redis://host:6379": Redis, so several nodes can serve one community.',
  },
  {
    key: "redis.prefix",
    schema: z.string().regex(/^[A-Za-z0-9:_.-]*$/, "may only contain letters, digits and : _ . -"),
    default: "nexus:",
    doc: "Prefix of every Redis key and channel, so several deployments can share one Redis.",
  },
  {
    key: "search.url",
    schema: z.union([z.literal(""), z.url()]),
    default: "",
    doc: 'Empty: the built-in search (SQLite FTS5 or PostgreSQL full text). "http://meilisearch:7700": messages are indexed in and searched through Meilisearch.',
  },
  {
    key: "search.api_key",
    schema: z.string(),
    default: "",
    doc: "Meilisearch API key (sent as a bearer token); needs the search, documents.add, documents.delete and settings.update actions on search.index. Empty: none.",
    secret: true,
  },
  {
    key: "search.index",
    schema: z.string().regex(/^[A-Za-z0-9_-]+$/, "may only contain letters, digits, _ and -"),
    default: "nexus-messages",
    doc: "Meilisearch index uid for message documents, so several deployments can share one Meilisearch.",
  },
  {
    key: "log.level",
    schema: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]),
    default: "info",
    doc: 'Log verbosity: "fatal", "error", "warn", "info", "debug", "trace" or "silent".',
  },
  {
    key: "auth.registration_open",
    schema: bool,
    default: true,
    doc: "Whether anyone may create an account.",
  },
  {
    key: "auth.access_token_ttl_seconds",
    schema: z.coerce.number().int().min(30).max(86_400),
    default: 900,
    doc: "Lifetime of an access token (15 minutes by default).",
  },
  {
    key: "auth.refresh_token_ttl_days",
    schema: z.coerce.number().int().min(1).max(365),
    default: 30,
    doc: "A session ends when its refresh token goes unused for this many days.",
  },
  {
    key: "auth.record_ip",
    schema: bool,
    default: false,
    doc: "Store the IP address a session was last used from (shown in the user's session list). Off: no IP is stored.",
  },
  {
    key: "auth.argon2_memory_kib",
    schema: z.coerce.number().int().min(8_192).max(4_194_304),
    default: 19_456,
    doc: "argon2id memory cost in KiB (OWASP's recommended minimum is 19456).",
  },
  {
    key: "auth.argon2_time_cost",
    schema: z.coerce.number().int().min(1).max(20),
    default: 2,
    doc: "argon2id iterations.",
  },
  {
    key: "auth.argon2_parallelism",
    schema: z.coerce.number().int().min(1).max(16),
    default: 1,
    doc: "argon2id lanes.",
  },
  {
    key: "rate_limits.enabled",
    schema: bool,
    default: true,
    doc: "Master switch for every rate limit. NEXUS_RATE_LIMITS=off turns them off (load tests only).",
  },
  {
    key: "rate_limits.ip_per_minute",
    schema: positiveInt,
    default: 600,
    doc: "Requests per minute from one IP address across the whole API.",
  },
  {
    key: "rate_limits.user_per_minute",
    schema: positiveInt,
    default: 300,
    doc: "Requests per minute by one signed-in user across the whole API.",
  },
  {
    key: "rate_limits.auth_per_minute",
    schema: positiveInt,
    default: 10,
    doc: "Attempts per minute from one IP address at login, register, refresh and recovery.",
  },
  {
    key: "gateway.heartbeat_interval_ms",
    schema: z.coerce.number().int().min(50).max(300_000),
    default: 41_250,
    doc: "How often gateway clients must heartbeat; a connection silent for 1.5 intervals is closed (4009).",
  },
  {
    key: "gateway.identify_timeout_ms",
    schema: z.coerce.number().int().min(50).max(120_000),
    default: 10_000,
    doc: "How long a new gateway connection may take to identify or resume before it is closed (4003).",
  },
  {
    key: "gateway.resume_window_ms",
    schema: z.coerce.number().int().min(0).max(3_600_000),
    default: 120_000,
    doc: "How long a gateway session stays resumable after its connection drops.",
  },
  {
    key: "gateway.replay_buffer_events",
    schema: z.coerce.number().int().min(1).max(100_000),
    default: 5_000,
    doc: "Dispatches kept per gateway session for resume; a client that missed more must identify again.",
  },
  {
    key: "gateway.max_send_buffer_bytes",
    schema: z.coerce.number().int().min(1_024).max(268_435_456),
    default: 8_388_608,
    doc: "A gateway client whose unread backlog passes this many bytes is closed (4011) instead of using more memory.",
  },
  {
    key: "gateway.compression",
    schema: bool,
    default: false,
    doc: "Offer permessage-deflate to gateway clients that ask for it. Costs memory and CPU per connection.",
  },
  {
    key: "presence.node_ttl_ms",
    schema: z.coerce.number().int().min(1_000).max(600_000),
    default: 30_000,
    doc: "Scale-out: a node whose heartbeat (renewed every third of this) is older than this counts as dead, and its users go offline.",
  },

  {
    key: "smtp.url",
    schema: z.union([z.literal(""), z.string().regex(/^smtps?:\/\//, "must start with smtp:// or smtps://")]),
    default: "",
    doc: 'Outgoing mail server, e.g. "smtps://user:pass@mail.example.org:465". Empty: Nexus never sends email.',
  },
  {
    key: "smtp.from",
    schema: z.string(),
    default: "",
    doc: 'Sender address for password-reset mail, e.g. "Nexus <nexus@example.org>".',
  },
  {
    key: "uploads.max_bytes",
    schema: positiveInt,
    default: 26_214_400,
    doc: "Largest file a user may upload, in bytes (25 MiB by default). Larger uploads are refused before they are stored.",
  },
  {
    key: "storage.driver",
    schema: z.enum(["local", "s3"]),
    default: "local",
    doc: 'Where uploaded files are kept: "local" (data_dir/files, lite) or "s3" (any S3-compatible service, scale-out).',
  },
  {
    key: "storage.s3.endpoint",
    schema: z.union([z.literal(""), z.url({ protocol: /^https?$/ })]),
    default: "",
    doc: 'S3 endpoint, e.g. "http://minio:9000". Empty: Amazon S3 in storage.s3.region.',
  },
  {
    key: "storage.s3.region",
    schema: z.string().min(1),
    default: "us-east-1",
    doc: "S3 region the requests are signed for.",
  },
  {
    key: "storage.s3.bucket",
    schema: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$|^$/, "must be a valid S3 bucket name"),
    default: "",
    doc: "S3 bucket that holds the files (required when storage.driver is s3).",
  },
  {
    key: "storage.s3.access_key_id",
    schema: z.string(),
    default: "",
    doc: "S3 access key id (required when storage.driver is s3).",
  },
  {
    key: "storage.s3.secret_access_key",
    schema: z.string(),
    default: "",
    doc: "S3 secret access key (required when storage.driver is s3).",
    secret: true,
  },
  {
    key: "storage.s3.force_path_style",
    schema: bool,
    default: false,
    doc: "Address objects as endpoint/bucket/key (MinIO and most self-hosted servers) instead of bucket.endpoint/key.",
  },
  {
    key: "storage.s3.prefix",
    schema: z.string().regex(/^[A-Za-z0-9/_.-]*$/, "letters, digits and / _ . - only"),
    default: "files/",
    doc: "Prepended to every object name, so Nexus can share a bucket.",
  },
  {
    key: "web.client_dir",
    schema: z.string(),
    default: "",
    doc: "Folder of the web client served at /. Empty: the client built by `npm run build` (packages/web/dist).",
  },
  {
    key: "secrets.token_signing_key",
    schema: z.string().min(43, "must be at least 32 random bytes, base64url-encoded"),
    default: "",
    doc: "Signs access tokens. Generated on first run; changing it signs everyone out.",
    secret: true,
  },
];
