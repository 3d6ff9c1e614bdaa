/**
 * /media/proxy/{signature}/{encoded url}: link-preview images fetched by this server, so viewers never contact the
 * linked site. Public (the signature is the permission) and cacheable, but never able to run as a document.
 */
import { ErrorBodySchema } from "@nexus/protocol";
import { z } from "zod";
import type { AppDeps } from "../app.js";
import type { ZodApp } from "../types.js";

const ProxyParams = z.object({
  signature: z.string().regex(/^[A-Za-z0-9_-]{32}$/, "must be a media proxy signature"),
  // A wildcard, because an encoded URL is longer than a route parameter may be.
  "*": z.string().regex(/^[A-Za-z0-9_-]{1,4096}$/, "must be a base64url-encoded URL"),
});

export function registerMediaProxyRoutes(media: ZodApp, { services }: AppDeps): void {
  media.get(
    "/proxy/:signature/*",
    {
      schema: {
        tags: ["media"],
        summary: "A link-preview image, fetched by this server (signed URLs from embeds only)",
        params: ProxyParams,
        response: {
          200: z.any().describe("The image bytes (PNG, JPEG, GIF, WebP or AVIF)"),
          400: ErrorBodySchema,
          404: ErrorBodySchema,
          502: ErrorBodySchema,
        },
      },
    },
    async (request, reply) => {
      const image = await services.mediaProxy.fetch(request.params.signature, request.params["*"]);
      return reply
        .headers({
          "content-type": image.contentType,
          "content-length": String(image.body.length),
          "cache-control": "public, max-age=86400",
          "x-content-type-options": "nosniff",
          "content-security-policy": "sandbox; default-src 'none'",
          "cross-origin-resource-policy": "same-origin",
          "referrer-policy": "no-referrer",
        })
        .send(image.body);
    },
  );
}
