/** Maps every failure to {"error":{code,message,fields?}} with the right status; unknown errors become a logged 500. */
import { ERROR_STATUS, type ErrorBody, type ErrorCode } from "@nexus/protocol";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { DomainError } from "../../errors.js";

export function errorBody(code: ErrorCode, message: string, extra: Partial<ErrorBody["error"]> = {}): ErrorBody {
  return { error: { code, message, ...extra } };
}

function validationFields(error: FastifyError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.validation ?? []) {
    const path = (issue.instancePath ?? "").replace(/^\//, "").replace(/\//g, ".");
    const params = issue.params as { issue?: { path?: PropertyKey[]; keys?: string[]; code?: string } } | undefined;
    const zodIssue = params?.issue;
    if (zodIssue?.code === "unrecognized_keys" && zodIssue.keys) {
      for (const key of zodIssue.keys) fields[[path, key].filter(Boolean).join(".")] = "is not a known field";
      continue;
    }
    const key = path || (error.validationContext ?? "body");
    fields[key] ??= issue.message ?? "is invalid";
  }
  return fields;
}

/** Fastify's own error codes that a client can cause, mapped onto ours. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: "UNSUPPORTED_MEDIA_TYPE",
  FST_ERR_CTP_BODY_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  FST_ERR_CTP_EMPTY_JSON_BODY: "INVALID_JSON",
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: "VALIDATION_FAILED",
  FST_ERR_CTP_EMPTY_TYPE: "UNSUPPORTED_MEDIA_TYPE",
  FST_ERR_CTP_INVALID_TYPE: "UNSUPPORTED_MEDIA_TYPE",
};

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
        .map(([field, problem]) => `${field} ${problem}`)
        .join("; ");
      return reply.status(400).send(errorBody("VALIDATION_FAILED", `Invalid request: ${summary}.`, { fields }));
    }
    if (error instanceof SyntaxError || error.code === "FST_ERR_CTP_INVALID_JSON_BODY") {
      return reply.status(400).send(errorBody("INVALID_JSON", "The request body is not valid JSON."));
    }
    const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (mapped) return reply.status(ERROR_STATUS[mapped]).send(errorBody(mapped, error.message));
    if (error.statusCode === 429) {
      return reply.status(429).send(errorBody("RATE_LIMITED", "You are being rate limited."));
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.status(error.statusCode).send(errorBody("VALIDATION_FAILED", error.message));
    }
    request.log.error({ err: error }, "unhandled error");
    return reply.status(500).send(errorBody("INTERNAL_ERROR", "Something went wrong on our side."));
  });

  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send(errorBody("NOT_FOUND", `No route for ${request.method} ${request.url.split("?")[0]}.`));
  });
}
