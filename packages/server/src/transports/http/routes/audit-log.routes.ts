/** The audit log of a guild. */
import { AuditLogEntrySchema, AuditLogQuerySchema, ErrorBodySchema, SnowflakeSchema } from "@nexus/protocol";
import { z } from "zod";
import type { AppDeps } from "../app.js";
import { actor } from "../authenticate.js";
import { userRateLimit } from "../rate-limits.js";
import type { ZodApp } from "../types.js";

export function registerAuditLogRoutes(api: ZodApp, { services, config }: AppDeps): void {
  const preHandler = [api.authenticate, userRateLimit(api, config.rateLimits)].filter((h) => h !== undefined);
  api.get(
    "/guilds/:guild_id/audit-logs",
    {
      preHandler,
      schema: {
        tags: ["audit log"],
        security: [{ bearer: [] }],
        summary: "Moderation and configuration changes, newest first (VIEW_AUDIT_LOG)",
        params: z.object({ guild_id: SnowflakeSchema }),
        querystring: AuditLogQuerySchema,
        response: {
          200: z.array(AuditLogEntrySchema),
          400: ErrorBodySchema,
          403: ErrorBodySchema,
          404: ErrorBodySchema,
        },
      },
    },
    async (request) => services.auditLog.list(actor(request).userId, request.params.guild_id, request.query),
  );
}
