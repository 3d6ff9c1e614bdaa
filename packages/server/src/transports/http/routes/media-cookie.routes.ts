/** /auth/media-cookie: lets the web client's <img> and <video> tags fetch /media with the user's own session. */
import { ErrorBodySchema, MediaCookieSchema } from "@nexus/protocol";
import { z } from "zod";
import type { AppDeps } from "../app.js";
import { actor } from "../authenticate.js";
import { clearMediaCookie, setMediaCookie } from "../media/media-auth.js";
import { userRateLimit } from "../rate-limits.js";
import type { ZodApp } from "../types.js";

export function registerMediaCookieRoutes(api: ZodApp, { services, config }: AppDeps): void {
  const preHandler = [api.authenticate, userRateLimit(api, config.rateLimits)].filter((h) => h !== undefined);
  const tags = ["auth"];
  const security = [{ bearer: [] }];

  api.post(
    "/auth/media-cookie",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "Set the media cookie for this session",
        description:
          "An HttpOnly, SameSite=Strict cookie for Path=/media only, valid as long as an access token and only " +
          "for downloads. It stops working when the session is signed out. Call again after each token refresh.",
        response: { 200: MediaCookieSchema, 401: ErrorBodySchema, 429: ErrorBodySchema },
      },
    },
    async (request, reply) => {
      const { token, expiresIn } = await services.sessions.mediaToken(actor(request));
      setMediaCookie(request, reply, token, expiresIn);
      return { expires_in: expiresIn };
    },
  );

  api.delete(
    "/auth/media-cookie",
    {
      schema: {
        tags,
        summary: "Remove the media cookie (on sign-out)",
        response: { 204: z.null(), 400: ErrorBodySchema },
      },
    },
    async (_request, reply) => {
      clearMediaCookie(reply);
      return reply.status(204).send(null);
    },
  );
}
