/** Liveness and readiness probes for load balancers and orchestrators. */
import type { FastifyInstance } from "fastify";
import { errorBody } from "./error-handler.js";

export function registerHealthRoutes(app: FastifyInstance, ready: () => Promise<void>): void {
  const noLimit = { config: { rateLimit: false as const }, schema: { hide: true } };
  app.get("/healthz", noLimit, async () => ({ status: "ok" }));
  app.get("/readyz", noLimit, async (_request, reply) => {
    try {
      await ready();
      return { status: "ready" };
    } catch {
      return reply.status(503).send(errorBody("SERVICE_UNAVAILABLE", "The server cannot reach its database."));
    }
  });
}
