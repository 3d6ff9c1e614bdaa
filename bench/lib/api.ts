/** What the server under test offers, read from its OpenAPI document, so scenarios can say what is missing. */
import type { JsonClient } from "./http-client.js";
import { NotAvailable } from "./scenario.js";

interface OpenApiDocument {
  paths?: Record<string, Record<string, unknown>>;
}

/** Throws NotAvailable naming the first of `routes` ("POST /api/v1/guilds") the server does not serve. */
export async function requireRoutes(client: JsonClient, routes: string[], why: string): Promise<void> {
  const doc = await client.expect<OpenApiDocument>([200], "GET", "/api/v1/openapi.json");
  for (const route of routes) {
    const [method = "", path = ""] = route.split(" ");
    if (!doc.paths?.[path]?.[method.toLowerCase()]) throw new NotAvailable(`the server has no ${route} (${why})`);
  }
}
