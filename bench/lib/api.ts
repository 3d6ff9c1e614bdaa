/** Whether the server under test serves the routes a scenario needs, so a scenario can say what is missing. */
import type { JsonClient } from "./http-client.js";
import { NotAvailable } from "./scenario.js";

/**
 * Throws NotAvailable naming the first of `routes` ("POST /api/v1/channels/{id}/messages") the server lacks. Probes
 * each route without a token: a served route that needs sign-in answers 401, an unknown one 404.
 */
export async function requireRoutes(client: JsonClient, routes: string[], why: string): Promise<void> {
  for (const route of routes) {
    const [method = "", template = ""] = route.split(" ");
    const path = template.replace(/\{[a-z_]+\}/g, "1");
    const response = await client.request(method, path, method === "GET" ? undefined : {});
    if (response.status === 404) throw new NotAvailable(`the server has no ${route} (${why})`);
  }
}
