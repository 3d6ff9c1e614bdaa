/**
 * /media/attachments and /media/thumbnails: stored files, apart from the API and the web client. Attachments are checked against the viewer's own
 * permissions on every request (VIEW_CHANNEL + READ_MESSAGE_HISTORY); nothing here is public.
 */
import { ErrorBodySchema, SnowflakeSchema } from "@nexus/protocol";
import { z } from "zod";
import type { AppDeps } from "../app.js";
import { actor } from "../authenticate.js";
import type { ZodApp } from "../types.js";
import { mediaAuthentication } from "./media-auth.js";
import { sendFile } from "./send-file.js";

const AttachmentParams = z.object({ channel_id: SnowflakeSchema, attachment_id: SnowflakeSchema });
const AttachmentFileParams = AttachmentParams.extend({ filename: z.string().max(1024) });

/** A file's bytes; the type is the sniffed one for plain media and application/octet-stream otherwise. */
export const fileResponse = {
  description: "The file (a byte range of it for 206)",
  content: { "application/octet-stream": { schema: z.string().meta({ format: "binary" }) } },
};

export const fileResponses = {
  200: fileResponse,
  206: fileResponse,
  401: ErrorBodySchema,
  404: ErrorBodySchema,
  416: ErrorBodySchema,
};

export function registerAttachmentMediaRoutes(media: ZodApp, { services }: AppDeps): void {
  // Only the per-IP limit: a page of images costs one request each, and the per-user budget is for the API.
  const preHandler = [mediaAuthentication(services.sessions)];
  const tags = ["media"];
  const security = [{ bearer: [] }];

  media.get(
    "/attachments/:channel_id/:attachment_id/:filename",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "Download an attachment",
        description:
          "Authorization header or the media cookie. Needs VIEW_CHANNEL and READ_MESSAGE_HISTORY in the channel " +
          "(DM recipients only). Supports Range and If-None-Match. Only images, video and audio are shown inline.",
        params: AttachmentFileParams,
        response: fileResponses,
      },
    },
    async (request, reply) => {
      const { channel_id, attachment_id } = request.params;
      const file = await services.attachments.download(actor(request).userId, channel_id, attachment_id, "original");
      return sendFile(request, reply, file);
    },
  );

  media.get(
    "/thumbnails/:channel_id/:attachment_id",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "An image attachment's thumbnail (static WebP, at most 400×400)",
        params: AttachmentParams,
        response: fileResponses,
      },
    },
    async (request, reply) => {
      const { channel_id, attachment_id } = request.params;
      const file = await services.attachments.download(actor(request).userId, channel_id, attachment_id, "thumbnail");
      return sendFile(request, reply, file);
    },
  );
}
