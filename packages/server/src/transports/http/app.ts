/** Builds the Fastify application: cross-cutting concerns first, then every domain's routes. */
import cors from "@fastify/cors";
import swagger from "@fastify/swagger";
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyServerOptions,
  LogController,
} from "fastify";
import {
  createJsonSchemaTransform,
  createJsonSchemaTransformObject,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import type { Config } from "../../config/config.js";
import type { Services } from "../../services/services.js";
import { installAuthentication } from "./authenticate.js";
import { answerFrameworkError, installErrorHandling, installNotFoundHandler } from "./error-handler.js";
import { registerHealthRoutes } from "./health.routes.js";
import { registerAttachmentMediaRoutes } from "./media/attachment-media.routes.js";
import { registerEmojiMediaRoutes } from "./media/emoji-media.routes.js";
import { registerMediaProxyRoutes } from "./media/media-proxy.routes.js";
import { registerProfileImageMediaRoutes } from "./media/profile-image-media.routes.js";
import { installNulGuard } from "./nul-guard.js";
import { installRateLimits } from "./rate-limits.js";
import { lazyRequestLogger } from "./request-logger.js";
import { installRouteTable } from "./route-table.js";
import { registerApiRoutes } from "./routes.js";
import { installSecurityHeaders } from "./security-headers.js";
import { BUNDLED_CLIENT_DIR, installWebClient } from "./web-client.js";

export type App = FastifyInstance;

export interface AppDeps {
  config: Config;
  logger: FastifyBaseLogger;
  services: Services;
  ready: () => Promise<void>;
}

export const API_PREFIX = "/api/v1";
/** Images and files, outside the API so they can be cached and loaded by <img> without a token where public. */
export const MEDIA_PREFIX = "/media";

/**
 * Zod validates requests. Response schemas document the API; replies are trusted shapes built by services, so they
 * are not re-validated. Given as factories rather than set after construction so that Fastify never loads its default
 * Ajv and fast-json-stringify compilers (about a fifth of a cold start's CPU before /readyz answered). Fastify types
 * these factories as Ajv's, hence the cast.
 */
const ZOD_COMPILERS = {
  buildValidator: () => validatorCompiler,
  buildSerializer: () => () => (data: unknown) => JSON.stringify(data),
} as unknown as NonNullable<FastifyServerOptions["schemaController"]>["compilersFactory"];

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config } = deps;
  const app = Fastify({
    loggerInstance: deps.logger,
    bodyLimit: config.server.bodyLimitBytes,
    trustProxy: config.server.trustProxy,
    // Per-request lines would log every message send; errors are still logged by the error handler.
    logController: new LogController({ disableRequestLogging: true }),
    childLoggerFactory: lazyRequestLogger,
    return503OnClosing: true,
    frameworkErrors: answerFrameworkError,
    forceCloseConnections: "idle",
    schemaController: { compilersFactory: ZOD_COMPILERS },
  });

  // JSON is the only body this API reads; anything else is a 415, not a string handed to a schema.
  app.removeContentTypeParser("text/plain");
  const routeTable = installRouteTable(app);
  installErrorHandling(app);
  installNulGuard(app);
  // Time spent inside the server, apart from the network: lets clients and `npm run bench` see server-side latency.
  app.addHook("onSend", (_request, reply, payload, done) => {
    reply.header("server-timing", `app;dur=${reply.elapsedTime.toFixed(3)}`);
    done(null, payload);
  });
  installSecurityHeaders(app);
  await app.register(cors, {
    origin: config.server.corsOrigins.length > 0 ? config.server.corsOrigins : false,
    credentials: true,
    exposedHeaders: ["ratelimit-limit", "ratelimit-remaining", "ratelimit-reset", "retry-after"],
  });
  await installRateLimits(app, config.rateLimits, config.redis);
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: { title: "Nexus API", version: "1", description: "REST API of a Nexus server." },
      components: {
        securitySchemes: { bearer: { type: "http", scheme: "bearer", bearerFormat: "JWT" } },
      },
    },
    transform: createJsonSchemaTransform({ skipList: ["/healthz", "/readyz", `${API_PREFIX}/openapi.json`] }),
    transformObject: createJsonSchemaTransformObject({}),
  });
  installAuthentication(app, deps.services.sessions);

  registerHealthRoutes(app, deps.ready);
  await app.register(
    async (api) => {
      registerApiRoutes(api.withTypeProvider<ZodTypeProvider>(), deps);
      api.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());
    },
    { prefix: API_PREFIX },
  );
  await app.register(
    async (media) => {
      registerEmojiMediaRoutes(media.withTypeProvider<ZodTypeProvider>(), deps);
      registerAttachmentMediaRoutes(media.withTypeProvider<ZodTypeProvider>(), deps);
      registerMediaProxyRoutes(media.withTypeProvider<ZodTypeProvider>(), deps);
      registerProfileImageMediaRoutes(media.withTypeProvider<ZodTypeProvider>(), deps);
    },
    { prefix: MEDIA_PREFIX },
  );
  installNotFoundHandler(app, routeTable, await installWebClient(app, config.web.clientDir || BUNDLED_CLIENT_DIR));
  return app;
}
