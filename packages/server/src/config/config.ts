/** The typed configuration every part of the server receives, built from the settings table. */

export interface Config {
  dataDir: string;
  configPath: string;
  server: {
    host: string;
    port: number;
    publicUrl: string;
    trustProxy: boolean;
    bodyLimitBytes: number;
    corsOrigins: string[];
    shutdownTimeoutMs: number;
  };
  database: { url: string; poolSize: number; connectTimeoutMs: number };
  redis: { url: string; prefix: string };
  search: { url: string; apiKey: string; index: string };
  log: { level: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent" };
  auth: {
    registrationOpen: boolean;
    accessTokenTtlSeconds: number;
    refreshTokenTtlDays: number;
    recordIp: boolean;
    argon2MemoryKib: number;
    argon2TimeCost: number;
    argon2Parallelism: number;
  };
  rateLimits: {
    enabled: boolean;
    ipPerMinute: number;
    userPerMinute: number;
    authPerMinute: number;
  };
  gateway: {
    heartbeatIntervalMs: number;
    identifyTimeoutMs: number;
    resumeWindowMs: number;
    replayBufferEvents: number;
    maxSendBufferBytes: number;
    compression: boolean;
  };
  presence: { nodeTtlMs: number };
  uploads: { maxBytes: number };
  storage: {
    driver: "local" | "s3";
    s3: {
      endpoint: string;
      region: string;
      bucket: string;
      accessKeyId: string;
      secretAccessKey: string;
      forcePathStyle: boolean;
      prefix: string;
    };
  };
  smtp: { url: string; from: string };
  web: { clientDir: string };
  secrets: { tokenSigningKey: string };
}

const camel = (key: string) => key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** Turns validated flat settings ("auth.record_ip" → true) into the nested, camelCased Config. */
export function buildConfig(flat: ReadonlyMap<string, unknown>, configPath: string): Config {
  const root: Record<string, unknown> = { configPath };
  for (const [key, value] of flat) {
    const parts = key.split(".").map(camel);
    let node = root;
    for (const part of parts.slice(0, -1)) {
      node[part] ??= {};
      node = node[part] as Record<string, unknown>;
    }
    node[parts.at(-1) as string] = value;
  }
  return root as unknown as Config;
}
