/**
 * Credentials for /media downloads: the Authorization header, or the media cookie the web client gets from
 * POST /api/v1/auth/media-cookie (an <img> or <video> cannot send headers). Either way it is the viewer's own
 * session that is checked; a URL alone grants nothing.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { DomainError } from "../../../errors.js";
import type { SessionService } from "../../../services/auth/session.service.js";

export const MEDIA_COOKIE = "nexus_media";
export const MEDIA_PATH = "/media";

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const pair of (header ?? "").split(";")) {
    const separator = pair.indexOf("=");
    if (separator > 0 && pair.slice(0, separator).trim() === name) return pair.slice(separator + 1).trim();
  }
  return undefined;
}

/** A preHandler that sets request.auth from the header or the media cookie, or answers 401. */
export function mediaAuthentication(sessions: SessionService) {
  return async (request: FastifyRequest): Promise<void> => {
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? "")?.[1];
    if (bearer) {
      request.auth = await sessions.authenticate(bearer);
      return;
    }
    const cookie = cookieValue(request.headers.cookie, MEDIA_COOKIE);
    if (!cookie) {
      throw new DomainError("UNAUTHORIZED", "Send an access token in the Authorization header, or get a media cookie.");
    }
    request.auth = await sessions.authenticateMedia(cookie);
  };
}

/** HttpOnly (scripts cannot read it), SameSite=Strict (other sites cannot use it), sent only to /media. */
export function setMediaCookie(request: FastifyRequest, reply: FastifyReply, token: string, maxAgeSeconds: number) {
  const secure = request.protocol === "https" ? "; Secure" : "";
  reply.header(
    "set-cookie",
    `${MEDIA_COOKIE}=${token}; Path=${MEDIA_PATH}; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Strict${secure}`,
  );
}

export function clearMediaCookie(reply: FastifyReply) {
  reply.header("set-cookie", `${MEDIA_COOKIE}=; Path=${MEDIA_PATH}; Max-Age=0; HttpOnly; SameSite=Strict`);
}
