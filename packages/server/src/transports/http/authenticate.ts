/** Bearer-token authentication: a preHandler that sets request.auth or answers 401. */
import type { FastifyInstance, FastifyRequest } from "fastify";
import { DomainError } from "../../errors.js";
import type { AccessClaims } from "../../services/auth/access-tokens.js";
import type { ClientInfo, SessionService } from "../../services/auth/session.service.js";

declare module "fastify" {
  interface FastifyRequest {
    auth: AccessClaims | null;
  }
  interface FastifyInstance {
    authenticate: (request: FastifyRequest) => Promise<void>;
  }
}

export function installAuthentication(app: FastifyInstance, sessions: SessionService): void {
  app.decorateRequest("auth", null);
  app.decorate("authenticate", async (request: FastifyRequest) => {
    const header = request.headers.authorization;
    const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match?.[1]) {
      throw new DomainError("UNAUTHORIZED", "Send an access token in the Authorization header: Bearer <token>.");
    }
    request.auth = await sessions.authenticate(match[1]);
  });
}

/** The authenticated caller; only valid on routes that ran `authenticate`. */
export function actor(request: FastifyRequest): AccessClaims {
  if (!request.auth) throw new DomainError("UNAUTHORIZED", "Authentication required.");
  return request.auth;
}

export function clientInfo(request: FastifyRequest): ClientInfo {
  return { ip: request.ip, userAgent: request.headers["user-agent"] };
}
