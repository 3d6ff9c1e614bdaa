/** Every REST route group under /api/v1. */
import type { AppDeps } from "./app.js";
import { registerAuthRoutes } from "./routes/auth.routes.js";
import { registerUserRoutes } from "./routes/user.routes.js";
import type { ZodApp } from "./types.js";

export function registerApiRoutes(api: ZodApp, deps: AppDeps): void {
  registerAuthRoutes(api, deps);
  registerUserRoutes(api, deps);
}
