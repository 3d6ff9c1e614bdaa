/** Maps every failure to {"error":{code,message,fields?}} with the right status; unknown errors become a logged 500. */
import { ERROR_STATUS, type ErrorBody, type ErrorCode } from "@nexus/protocol";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { DomainError } from "../../errors.js";
import type { RouteTable } from "./route-table.js";
import type { WebClient } from "./web-client.js";

export function errorBody(code: ErrorCode, message: string, extra: Partial<ErrorBody["error"]> = {}): ErrorBody {
  return { error: { code, message, ...extra } };
}

interface ValidationIssue {
  keyword?: string;
  instancePath?: string;
  message?: string;
  params?: { keys?: unknown };
}

/** zod's wording is written for developers; these read as the end of "<field> …". */
function describeProblem(message: string | undefined): string {
  if (!message) return "is invalid";
  return message.replace(/^Invalid input: /, "").replace(/^Too (big|small): /, "");
}

/** One entry per problem keyed by dotted path ("bio", "settings.theme"); unknown keys are reported under their own name. */
function validationFields(error: FastifyError): Record<string, string> {
  const fields: Record<string, string> = {};
  const context = error.validationContext ?? "body";
  for (const issue of (error.validation ?? []) as ValidationIssue[]) {
    const path = (issue.instancePath ?? "").replace(/^\//, "").replace(/\//g, ".");
    const keys = issue.params?.keys;
    if (issue.keyword === "unrecognized_keys" && Array.isArray(keys)) {
      for (const key of keys) fields[[path, String(key)].filter(Boolean).join(".")] = "is not a known field";
      continue;
    }
    fields[path || context] ??= describeProblem(issue.message);
  }
  return fields;
}

type ClientErrorCode = "INVALID_JSON" | "UNSUPPORTED_MEDIA_TYPE" | "PAYLOAD_TOO_LARGE" | "VALIDATION_FAILED";

/** Fastify's own error codes that a client can cause, mapped onto ours. */
const FASTIFY_CODES: Record<string, ClientErrorCode> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: "UNSUPPORTED_MEDIA_TYPE",
  FST_ERR_CTP_BODY_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  FST_ERR_CTP_EMPTY_JSON_BODY: "INVALID_JSON",
  FST_ERR_CTP_INVALID_JSON_BODY: "INVALID_JSON",
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: "VALIDATION_FAILED",
  FST_ERR_CTP_EMPTY_TYPE: "UNSUPPORTED_MEDIA_TYPE",
  FST_ERR_CTP_INVALID_TYPE: "UNSUPPORTED_MEDIA_TYPE",
  // @fastify/multipart, on upload routes.
  FST_REQ_FILE_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  FST_FILES_LIMIT: "PAYLOAD_TOO_LARGE",
  FST_FIELDS_LIMIT: "PAYLOAD_TOO_LARGE",
  FST_PARTS_LIMIT: "PAYLOAD_TOO_LARGE",
  FST_MULTIPART_INVALID_CONTENT_TYPE: "UNSUPPORTED_MEDIA_TYPE",
};

const CLIENT_ERROR_MESSAGES: Record<ClientErrorCode, string> = {
  INVALID_JSON: "The request body is not valid JSON.",
  UNSUPPORTED_MEDIA_TYPE: "Send the request body as JSON with Content-Type: application/json.",
  PAYLOAD_TOO_LARGE: "The request body is too large.",
  VALIDATION_FAILED: "The request is malformed.",
};

/** Errors Fastify's router raises before any hook runs (malformed URL, an overlong path segment). */
export function answerFrameworkError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const message =
    error.code === "FST_ERR_MAX_PARAM_LENGTH" ? "A path segment is too long." : "The request URL is malformed.";
  void reply.status(400).send(errorBody("VALIDATION_FAILED", message));
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof DomainError) {
      const { fields, permission, retryAfter } = error.details;
      // A 5xx domain error (the database is unreachable) is the operator's problem, not the client's: log it.
      if (ERROR_STATUS[error.code] >= 500) request.log.warn({ err: error.cause ?? error }, error.message);
      if (retryAfter !== undefined) reply.header("retry-after", Math.ceil(retryAfter));
      return reply
        .status(ERROR_STATUS[error.code])
        .send(errorBody(error.code, error.message, { fields, permission, retry_after: retryAfter }));
    }
    if (hasZodFastifySchemaValidationErrors(error) || error.validation) {
      const fields = validationFields(error);
      const summary = Object.entries(fields)
        .map(([field, problem]) => `${field}: ${problem}`)
        .join("; ");
      return reply.status(400).send(errorBody("VALIDATION_FAILED", `Invalid request: ${summary}.`, { fields }));
    }
    const mapped: ClientErrorCode | undefined =
      // A body parser's SyntaxError carries status 400; one thrown by our own code does not, and stays a 500.
      error instanceof SyntaxError && error.statusCode === 400
        ? "INVALID_JSON"
        : error.code
          ? FASTIFY_CODES[error.code]
          : undefined;
    if (mapped) return reply.status(ERROR_STATUS[mapped]).send(errorBody(mapped, CLIENT_ERROR_MESSAGES[mapped]));
    if (error.statusCode === 429) {
      return reply.status(429).send(errorBody("RATE_LIMITED", "You are being rate limited."));
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.status(error.statusCode).send(errorBody("VALIDATION_FAILED", error.message));
    }
    request.log.error({ err: error }, "unhandled error");
    return reply.status(500).send(errorBody("INTERNAL_ERROR", "Something went wrong on our side."));
  });
}

/**
 * A known path with the wrong method gets 405; unmatched page paths go to the web client; everything else
 * (the API above all) gets the JSON 404.
 */
export function installNotFoundHandler(app: FastifyInstance, routes: RouteTable, pages: WebClient): void {
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split("?")[0] ?? "/";
    const allowed = routes.allowedMethods(path);
    if (allowed.length > 0) {
      return reply
        .status(405)
        .header("allow", allowed.join(", "))
        .send(errorBody("METHOD_NOT_ALLOWED", `${request.method} is not allowed here; use ${allowed.join(", ")}.`));
    }
    if (pages.servePage(request, reply)) return;
    return reply.status(404).send(errorBody("NOT_FOUND", `No route for ${request.method} ${path}.`));
  });
}
