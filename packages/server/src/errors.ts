/** Domain errors with stable codes; transports map them to HTTP statuses and gateway close codes. */
import type { ErrorCode } from "@nexus/protocol";

export interface DomainErrorDetails {
  fields?: Record<string, string>;
  /** The permission whose absence caused a MISSING_PERMISSION error. */
  permission?: string;
  /** Seconds until the action may be retried (RATE_LIMITED). */
  retryAfter?: number;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: DomainErrorDetails = {},
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export const notFound = (what: string, code: ErrorCode = "NOT_FOUND") =>
  new DomainError(code, `${what} was not found.`);

export const invalidField = (field: string, problem: string) =>
  new DomainError("VALIDATION_FAILED", `Invalid ${field}: ${problem}.`, { fields: { [field]: problem } });
