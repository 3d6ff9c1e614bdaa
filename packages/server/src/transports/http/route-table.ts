/** Every registered route, kept for 405 answers (which methods a path allows) and the OpenAPI completeness test. */
import type { FastifyInstance, RouteOptions } from "fastify";

export interface RegisteredRoute {
  method: string;
  url: string;
  /** Hidden from the OpenAPI document on purpose (health probes, the document itself). */
  hidden: boolean;
  hasBody: boolean;
  hasResponse: boolean;
}

declare module "fastify" {
  interface FastifyInstance {
    routeTable: RouteTable;
  }
}

export class RouteTable {
  readonly routes: RegisteredRoute[] = [];
  private readonly patterns: { pattern: RegExp; method: string }[] = [];

  add(route: RouteOptions): void {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const schema = route.schema as { hide?: boolean; body?: unknown; response?: unknown } | undefined;
    for (const method of methods) {
      // Fastify adds HEAD for every GET by itself; it is implied, not a route of its own.
      if (method === "HEAD") continue;
      this.routes.push({
        method,
        url: route.url,
        hidden: schema?.hide === true,
        hasBody: schema?.body !== undefined,
        hasResponse: schema?.response !== undefined,
      });
      this.patterns.push({ pattern: toPattern(route.url), method });
    }
  }

  /** The methods some route accepts at this concrete path (empty when no route matches it at all). */
  allowedMethods(path: string): string[] {
    const methods = new Set<string>();
    for (const { pattern, method } of this.patterns) if (pattern.test(path)) methods.add(method);
    if (methods.has("GET")) methods.add("HEAD");
    return [...methods].sort();
  }
}

function toPattern(url: string): RegExp {
  const escaped = url
    .split("/")
    .map((part) => (part.startsWith(":") ? "[^/]+" : part.replace(/[.*+?^${}()|[\]\\@]/g, "\\$&")))
    .join("/");
  return new RegExp(`^${escaped}/?$`);
}

export function installRouteTable(app: FastifyInstance): RouteTable {
  const table = new RouteTable();
  app.decorate("routeTable", table);
  app.addHook("onRoute", (route) => table.add(route));
  return table;
}
