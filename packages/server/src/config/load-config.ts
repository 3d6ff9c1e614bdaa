/** Reads settings with the precedence defaults < nexus.toml < NEXUS_* env < flags, and fails with every problem at once. */
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parse as parseToml, TomlError } from "smol-toml";
import { buildConfig, type Config } from "./config.js";
import { renderConfigFile } from "./render-config-file.js";
import { SETTINGS, type SettingDefinition } from "./settings.js";

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join("\n"));
  }
}

export interface ConfigSources {
  /** Settings given as command-line flags, keyed like nexus.toml ("server.port"). */
  flags?: Record<string, unknown>;
  /** --config: an explicit path to nexus.toml. */
  configPath?: string;
  env?: NodeJS.ProcessEnv;
  /** Write the data dir and nexus.toml (with fresh secrets) when they don't exist yet. */
  createIfMissing?: boolean;
}

export interface LoadedConfig {
  config: Config;
  /** True when this call created nexus.toml (first run). */
  created: boolean;
}

const DEFAULT_DATA_DIR = "./data";

export const envNameFor = (key: string) => `NEXUS_${key.toUpperCase().replace(/\./g, "_")}`;

export function loadConfig(sources: ConfigSources = {}): LoadedConfig {
  const env = sources.env ?? process.env;
  const flags = sources.flags ?? {};
  // nexus.toml lives in the data dir unless --config/NEXUS_CONFIG says otherwise, so only the flag, the
  // environment or the default can say where to look for it; a data_dir inside the file applies after reading it.
  const bootDataDir = resolve(String(flags.data_dir ?? env.NEXUS_DATA_DIR ?? DEFAULT_DATA_DIR));
  const configPath = resolve(sources.configPath ?? env.NEXUS_CONFIG ?? join(bootDataDir, "nexus.toml"));

  let created = false;
  if (!existsSync(configPath)) {
    if (!sources.createIfMissing) {
      throw new ConfigError([`${configPath}: no such file (run "nexus serve" once to create it)`]);
    }
    writeFirstRunConfig(configPath, bootDataDir);
    created = true;
  }

  const file = readConfigFile(configPath);
  const problems: string[] = [];
  const known = new Set(SETTINGS.map((s) => s.key));
  for (const key of Object.keys(file)) {
    if (!known.has(key)) problems.push(`${configPath}: ${key}: unknown setting`);
  }

  const flat = new Map<string, unknown>();
  for (const setting of SETTINGS) {
    const [raw, origin] = pickValue(setting, { flags, env, file, configPath });
    const parsed = setting.schema.safeParse(raw);
    if (parsed.success && setting.key === "data_dir") {
      // A path written in nexus.toml means "next to this file"; one typed on the command line, "from here".
      const base = origin === configPath ? dirname(configPath) : process.cwd();
      flat.set("data_dir", resolve(base, String(parsed.data)));
    } else if (parsed.success) {
      flat.set(setting.key, parsed.data);
    } else {
      const message = parsed.error.issues[0]?.message ?? "is invalid";
      problems.push(`${origin}: ${setting.key}: ${message} (got ${describe(raw, setting)})`);
    }
  }
  if (env.NEXUS_RATE_LIMITS !== undefined) {
    const value = env.NEXUS_RATE_LIMITS.toLowerCase();
    if (value === "off" || value === "on") flat.set("rate_limits.enabled", value === "on");
    else
      problems.push(`NEXUS_RATE_LIMITS: rate_limits.enabled: must be "on" or "off" (got "${env.NEXUS_RATE_LIMITS}")`);
  }
  if (flat.get("smtp.url") && !flat.get("smtp.from")) {
    problems.push(`smtp.from: required when smtp.url is set (the sender address of password-reset mail)`);
  }

  if (flat.get("storage.driver") === "s3") {
    for (const key of ["storage.s3.bucket", "storage.s3.access_key_id", "storage.s3.secret_access_key"]) {
      if (!flat.get(key)) problems.push(`${key}: required when storage.driver is "s3"`);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return { config: buildConfig(flat, configPath), created };
}

function pickValue(
  setting: SettingDefinition,
  from: { flags: Record<string, unknown>; env: NodeJS.ProcessEnv; file: Record<string, unknown>; configPath: string },
): [unknown, string] {
  if (from.flags[setting.key] !== undefined) return [from.flags[setting.key], "command line"];
  const envName = envNameFor(setting.key);
  if (from.env[envName] !== undefined) return [from.env[envName], envName];
  if (from.file[setting.key] !== undefined) return [from.file[setting.key], from.configPath];
  return [setting.default, "default"];
}

function describe(raw: unknown, setting: SettingDefinition): string {
  if (setting.secret) return "a hidden value";
  return JSON.stringify(raw) ?? String(raw);
}

/** Flattens TOML tables into dotted keys: {server: {port: 1}} → {"server.port": 1}. */
function flatten(table: Record<string, unknown>, prefix = ""): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(table)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === "object" && !Array.isArray(value) && !(value instanceof Date)) {
      Object.assign(out, flatten(value as Record<string, unknown>, path));
    } else {
      out[path] = value;
    }
  }
  return out;
}

function readConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new ConfigError([`${path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})`]);
  }
  try {
    return flatten(parseToml(text) as Record<string, unknown>);
  } catch (error) {
    const where = error instanceof TomlError ? `line ${error.line}` : "syntax";
    const message = (error as Error).message.split("\n")[0];
    throw new ConfigError([`${path}: ${where}: not valid TOML (${message})`]);
  }
}

function writeFirstRunConfig(configPath: string, dataDir: string): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  mkdirSync(dirname(configPath), { recursive: true, mode: 0o700 });
  const secrets = { "secrets.token_signing_key": randomBytes(32).toString("base64url") };
  writeFileSync(configPath, renderConfigFile(secrets), { mode: 0o600, flag: "wx" });
  chmodSync(configPath, 0o600);
}
