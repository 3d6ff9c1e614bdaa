/** POST /channels/{id}/attachments: a multipart upload streamed into the file store, ahead of the message. */
import multipart from "@fastify/multipart";
import {
  ATTACHMENT_DESCRIPTION_MAX,
  ErrorBodySchema,
  SnowflakeSchema,
  UpdateAttachmentSchema,
  UploadedAttachmentSchema,
} from "@nexus/protocol";
import type { FastifyRequest, FastifySchemaCompiler } from "fastify";
import { validatorCompiler } from "fastify-type-provider-zod";
import { z } from "zod";
import { DomainError } from "../../../errors.js";
import type { UploadPart } from "../../../services/attachments/attachment.service.js";
import type { AppDeps } from "../app.js";
import { actor } from "../authenticate.js";
import { userRateLimit } from "../rate-limits.js";
import type { ZodApp } from "../types.js";
import { ChannelParams } from "./message.routes.js";

/** Room for the form's text fields, part headers and boundaries on top of the file itself. */
const FORM_OVERHEAD_BYTES = 64 * 1024;

/** What an upload route can answer besides success. */
export const uploadErrors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  413: ErrorBodySchema,
  415: ErrorBodySchema,
  429: ErrorBodySchema,
};

/** The form, for the OpenAPI document. */
const UploadFormSchema = z.object({
  file: z.string().meta({ format: "binary" }).describe("The file (one)"),
  spoiler: z.enum(["true", "false"]).optional(),
  description: z.string().max(ATTACHMENT_DESCRIPTION_MAX).optional().describe("Alt text"),
  opaque: z.enum(["true", "false"]).optional().describe("Store the bytes as sent (encrypted files); before `file`"),
});

/** Params are checked as everywhere; a body schema only documents the form, read part by part by the service. */
const validateAllButBody: FastifySchemaCompiler<z.ZodType> = (route) =>
  route.httpPart === "body" ? () => ({ value: undefined }) : validatorCompiler(route);

async function* formParts(request: FastifyRequest): AsyncGenerator<UploadPart> {
  try {
    for await (const part of request.parts()) {
      if (part.type === "file")
        yield { type: "file", name: part.fieldname, filename: part.filename, stream: part.file };
      else yield { type: "field", name: part.fieldname, value: String(part.value) };
    }
  } catch (error) {
    // The plugin's own errors (limits) carry a status; the parser's ("Unexpected end of multipart data") do not.
    if ((error as { statusCode?: number }).statusCode) throw error;
    throw new DomainError("VALIDATION_FAILED", `The multipart body is malformed: ${(error as Error).message}.`);
  }
}

/** Uploads larger than the limit by their Content-Length are refused before a byte of the body is read. */
export function refuseOversizedBody(maxBytes: number) {
  return async (request: FastifyRequest): Promise<void> => {
    const length = Number(request.headers["content-length"] ?? 0);
    if (length > maxBytes + FORM_OVERHEAD_BYTES) {
      throw new DomainError("PAYLOAD_TOO_LARGE", `Files may be at most ${maxBytes} bytes.`);
    }
  };
}

/** Registers the multipart parser for upload routes only; every other route still reads JSON alone. */
export function registerUploadScope(api: ZodApp, { config }: AppDeps, routes: (scope: ZodApp) => void): void {
  void api.register(async (scope) => {
    await scope.register(multipart, {
      throwFileSizeLimit: true,
      limits: { fileSize: config.uploads.maxBytes + 1, files: 1, fields: 8, fieldSize: 4096, parts: 10 },
    });
    scope.setValidatorCompiler(validateAllButBody);
    // A refused upload leaves the rest of its body unread: close the connection instead of reading it to the end.
    scope.addHook("onSend", async (request, reply) => {
      if (!request.raw.complete) reply.header("connection", "close");
    });
    routes(scope);
  });
}

const AttachmentParams = z.object({ channel_id: SnowflakeSchema, attachment_id: SnowflakeSchema });

export function registerAttachmentRoutes(api: ZodApp, deps: AppDeps): void {
  const { services, config } = deps;
  api.patch(
    "/channels/:channel_id/attachments/:attachment_id",
    {
      preHandler: [api.authenticate, userRateLimit(api, config.rateLimits)].filter((h) => h !== undefined),
      schema: {
        tags: ["attachments"],
        security: [{ bearer: [] }],
        summary: "Change the spoiler flag or alt text of your upload before sending it",
        description: "Uploader only; 404 for anyone else. 409 CONFLICT once a message has been sent with it.",
        params: AttachmentParams,
        body: UpdateAttachmentSchema,
        response: {
          200: UploadedAttachmentSchema,
          400: ErrorBodySchema,
          401: ErrorBodySchema,
          404: ErrorBodySchema,
          409: ErrorBodySchema,
          429: ErrorBodySchema,
        },
      },
    },
    async (request) =>
      services.attachments.update(
        actor(request).userId,
        request.params.channel_id,
        request.params.attachment_id,
        request.body,
      ),
  );

  registerUploadScope(api, deps, (scope) => {
    scope.post(
      "/channels/:channel_id/attachments",
      {
        onRequest: refuseOversizedBody(config.uploads.maxBytes),
        preHandler: [scope.authenticate, userRateLimit(scope, config.rateLimits)].filter((h) => h !== undefined),
        schema: {
          tags: ["attachments"],
          security: [{ bearer: [] }],
          summary: "Upload a file to send with a message",
          description:
            "multipart/form-data with one `file` part and optional `spoiler`, `description` and `opaque` fields. " +
            "Needs VIEW_CHANNEL, SEND_MESSAGES and ATTACH_FILES. The type is sniffed from the bytes; images are " +
            "re-encoded without metadata (EXIF, GPS) and get a thumbnail. 413 when the file is over " +
            "uploads.max_bytes (before the body is read when Content-Length shows it). Send the returned id in " +
            "attachment_ids within an hour, or the upload is deleted.",
          consumes: ["multipart/form-data"],
          params: ChannelParams,
          body: UploadFormSchema,
          response: { 201: UploadedAttachmentSchema, ...uploadErrors },
        },
      },
      async (request, reply) => {
        if (!request.isMultipart()) {
          throw new DomainError("UNSUPPORTED_MEDIA_TYPE", "Send the file as multipart/form-data in the field `file`.");
        }
        const uploaded = await services.attachments.upload(
          actor(request).userId,
          request.params.channel_id,
          formParts(request),
        );
        return reply.status(201).send(uploaded);
      },
    );
  });
}
