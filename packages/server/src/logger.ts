/** pino logger that never writes passwords, tokens or codes. */
import pino, { type Logger } from "pino";
import type { Config } from "./config/config.js";

const REDACT = [
  "password",
  "new_password",
  "current_password",
  "token",
  "access_token",
  "refresh_token",
  "totp_code",
  "code",
  "recovery_code",
  "recovery_codes",
  "secret",
  "req.headers.authorization",
  "req.headers.cookie",
  "*.password",
  "*.new_password",
  "*.current_password",
  "*.token",
  "*.access_token",
  "*.refresh_token",
  "*.totp_code",
  "*.recovery_code",
  "*.secret",
];

export function createLogger(level: Config["log"]["level"]): Logger {
  return pino({ level, redact: { paths: REDACT, censor: "[redacted]" }, base: { service: "nexus" } });
}
