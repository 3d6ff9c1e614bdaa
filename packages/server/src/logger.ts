/** pino logger that never writes passwords, tokens or codes. */
import pino, { type DestinationStream, type Logger } from "pino";
import type { Config } from "./config/config.js";

const SECRET_KEYS = [
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
  "otpauth_uri",
  "authorization",
  "cookie",
];

/** Each secret key at the top level and up to two levels down (e.g. req.body.password, req.headers.authorization). */
const REDACT = SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]);

/** `destination` lets tests read what would be written (default: stdout). */
export function createLogger(level: Config["log"]["level"], destination?: DestinationStream): Logger {
  const options = { level, redact: { paths: REDACT, censor: "[redacted]" }, base: { service: "nexus" } };
  return destination ? pino(options, destination) : pino(options);
}
