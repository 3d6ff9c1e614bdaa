/** Read states and notification settings of the caller. */
import {
  ErrorBodySchema,
  NotificationSettingSchema,
  ReadStatesSchema,
  SnowflakeSchema,
  UpdateNotificationSettingSchema,
} from "@nexus/protocol";
import { z } from "zod";
import type { AppDeps } from "../app.js";
import { actor } from "../authenticate.js";
import { userRateLimit } from "../rate-limits.js";
import type { ZodApp } from "../types.js";
import { ChannelParams } from "./message.routes.js";

export function registerReadStateRoutes(api: ZodApp, { services, config }: AppDeps): void {
  const { readStates } = services;
  const preHandler = [api.authenticate, userRateLimit(api, config.rateLimits)].filter((h) => h !== undefined);
  const tags = ["read states"];
  const security = [{ bearer: [] }];
  const errors = { 400: ErrorBodySchema, 404: ErrorBodySchema };

  api.get(
    "/users/@me/read-states",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "Per readable channel: last read message, whether it is unread, and unread mentions",
        response: { 200: ReadStatesSchema, 401: ErrorBodySchema },
      },
    },
    async (request) => readStates.list(actor(request).userId),
  );

  api.get(
    "/users/@me/notification-settings",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "Your notification settings",
        response: { 200: z.array(NotificationSettingSchema), 401: ErrorBodySchema },
      },
    },
    async (request) => readStates.notificationSettings(actor(request).userId),
  );

  api.patch(
    "/users/@me/guilds/:guild_id/notification-settings",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "Notification level and mute for a server",
        params: z.object({ guild_id: SnowflakeSchema }),
        body: UpdateNotificationSettingSchema,
        response: { 200: NotificationSettingSchema, ...errors },
      },
    },
    async (request) =>
      readStates.updateGuildNotifications(actor(request).userId, request.params.guild_id, request.body),
  );

  api.patch(
    "/users/@me/channels/:channel_id/notification-settings",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "Notification level and mute for a channel (overrides the server's)",
        params: ChannelParams,
        body: UpdateNotificationSettingSchema,
        response: { 200: NotificationSettingSchema, ...errors },
      },
    },
    async (request) =>
      readStates.updateChannelNotifications(actor(request).userId, request.params.channel_id, request.body),
  );
}
