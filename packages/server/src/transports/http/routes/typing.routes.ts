/** POST /channels/{id}/typing: show others that you are typing. */
import { ErrorBodySchema, SnowflakeSchema } from "@nexus/protocol";
import { z } from "zod";
import type { AppDeps } from "../app.js";
import { actor } from "../authenticate.js";
import { userRateLimit } from "../rate-limits.js";
import type { ZodApp } from "../types.js";

export function registerTypingRoutes(api: ZodApp, { services, config }: AppDeps): void {
  const preHandler = [api.authenticate, userRateLimit(api, config.rateLimits)].filter((h) => h !== undefined);

  api.post(
    "/channels/:channel_id/typing",
    {
      preHandler,
      schema: {
        tags: ["channels"],
        security: [{ bearer: [] }],
        summary: "Start typing (SEND_MESSAGES): others see TYPING_START for 10 seconds",
        params: z.object({ channel_id: SnowflakeSchema }),
        response: { 204: z.null(), 403: ErrorBodySchema, 404: ErrorBodySchema },
      },
    },
    async (request, reply) => {
      await services.typing.start(actor(request).userId, request.params.channel_id);
      return reply.status(204).send(null);
    },
  );
}
