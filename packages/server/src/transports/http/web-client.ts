/**
 * Serves the built web client: hashed assets with long-lived caching (precompressed .br/.gz when the browser
 * accepts them) and index.html for every other page path, so client-side routes like /channels/1/2 load the app.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

/** packages/web/dist, from both src/transports/http and dist/transports/http of the server package. */
export const BUNDLED_CLIENT_DIR = fileURLToPath(new URL("../../../../web/dist/", import.meta.url));

/** Paths the SPA never owns: the API, the gateway and health checks keep their own 404s. */
const NOT_PAGES = /^\/(api|gateway|healthz|readyz)(\/|$)/;

export interface WebClient {
  /** Answers a GET for a page path that matched no route; returns false when the request is not a page. */
  servePage(request: FastifyRequest, reply: FastifyReply): boolean;
}

export async function installWebClient(app: FastifyInstance, dir: string): Promise<WebClient> {
  const built = existsSync(join(dir, "index.html"));
  if (built) {
    await app.register(fastifyStatic, {
      root: dir,
      prefix: "/",
      // One route per built file, read once at startup, instead of a catch-all that would shadow the 404s.
      wildcard: false,
      index: false,
      preCompressed: true,
      globIgnore: ["**/*.br", "**/*.gz"],
      setHeaders(reply, path) {
        // Files under assets/ carry a content hash in their name, so they never change.
        const immutable = path.startsWith(join(dir, "assets"));
        reply.header("cache-control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
      },
    });
  }

  return {
    servePage(request, reply) {
      const path = request.url.split("?")[0] ?? "/";
      const isPage =
        (request.method === "GET" || request.method === "HEAD") && !NOT_PAGES.test(path) && !/\.[a-z0-9]+$/i.test(path);
      if (!isPage) return false;
      if (built) {
        void reply.header("cache-control", "no-cache").sendFile("index.html");
      } else {
        void reply.status(503).type("text/html; charset=utf-8").send(notBuiltPage(dir));
      }
      return true;
    },
  };
}

function notBuiltPage(dir: string): string {
  const escaped = dir.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Nexus — web client not built</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; padding: 0 1rem; line-height: 1.5; color: #1e1f22">
<h1>The Nexus web client has not been built</h1>
<p>The server and its API are running, but there is no web client to show at <code>${escaped}</code>.</p>
<p>Build it from the repository root with</p>
<pre style="background: #f2f3f5; padding: 0.75rem 1rem; border-radius: 6px">npm run build</pre>
<p>(<code>npm install</code> runs it for you), then reload this page. The API stays available under <code>/api/v1</code>.</p>
</body>
</html>
`;
}
