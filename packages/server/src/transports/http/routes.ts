/** Every REST route group under /api/v1. */
import type { AppDeps } from "./app.js";
import { registerAccountSecurityRoutes } from "./routes/account-security.routes.js";
import { registerAuditLogRoutes } from "./routes/audit-log.routes.js";
import { registerAuthRoutes } from "./routes/auth.routes.js";
import { registerChannelRoutes } from "./routes/channel.routes.js";
import { registerDmChannelRoutes } from "./routes/dm-channel.routes.js";
import { registerGuildRoutes } from "./routes/guild.routes.js";
import { registerInviteRoutes } from "./routes/invite.routes.js";
import { registerMemberRoutes } from "./routes/member.routes.js";
import { registerMessageRoutes } from "./routes/message.routes.js";
import { registerReactionRoutes } from "./routes/reaction.routes.js";
import { registerReadStateRoutes } from "./routes/read-state.routes.js";
import { registerRelationshipRoutes } from "./routes/relationship.routes.js";
import { registerRoleRoutes } from "./routes/role.routes.js";
import { registerSearchRoutes } from "./routes/search.routes.js";
import { registerSessionRoutes } from "./routes/session.routes.js";
import { registerThreadRoutes } from "./routes/thread.routes.js";
import { registerTypingRoutes } from "./routes/typing.routes.js";
import { registerUserRoutes } from "./routes/user.routes.js";
import type { ZodApp } from "./types.js";

export function registerApiRoutes(api: ZodApp, deps: AppDeps): void {
  registerAuthRoutes(api, deps);
  registerSessionRoutes(api, deps);
  registerUserRoutes(api, deps);
  registerGuildRoutes(api, deps);
  registerChannelRoutes(api, deps);
  registerRoleRoutes(api, deps);
  registerMemberRoutes(api, deps);
  registerInviteRoutes(api, deps);
  registerAuditLogRoutes(api, deps);
  registerAccountSecurityRoutes(api, deps);
  registerTypingRoutes(api, deps);
  registerMessageRoutes(api, deps);
  registerReactionRoutes(api, deps);
  registerDmChannelRoutes(api, deps);
  registerRelationshipRoutes(api, deps);
  registerThreadRoutes(api, deps);
  registerReadStateRoutes(api, deps);
  registerSearchRoutes(api, deps);
}
