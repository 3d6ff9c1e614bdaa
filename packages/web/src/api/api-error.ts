/** The one error type the client raises for a failed API call, mirroring the server's {"error":{...}} body. */
import type { ErrorBody } from "@nexus/protocol";

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: Record<string, string>;
  readonly retryAfter: number | undefined;

  constructor(status: number, body: ErrorBody["error"]) {
    super(body.message);
    this.name = "ApiError";
    this.status = status;
    this.code = body.code;
    this.fields = body.fields ?? {};
    this.retryAfter = body.retry_after;
  }

  /** A request that never got an answer (offline, server down). */
  static network(cause: unknown): ApiError {
    const error = new ApiError(0, {
      code: "NETWORK_ERROR",
      message: "Can't reach the server. Check your connection and try again.",
    });
    error.cause = cause;
    return error;
  }
}

/** Shows a human sentence for any thrown value. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return "Something went wrong. Please try again.";
}
