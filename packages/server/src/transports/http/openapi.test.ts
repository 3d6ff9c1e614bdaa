import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { startTestServer } from "../../test-support/test-server.js";

/** `:name` becomes `{name}`, and a trailing wildcard `*` becomes `{*}`, as @fastify/swagger writes them. */
const toOpenApiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, "{$1}").replace(/\*$/, "{*}");
/** JSON for most routes; files (downloads, multipart uploads) under their own media types. */
const hasSchema = (content: Record<string, { schema?: unknown }> | undefined) =>
  Object.values(content ?? {}).some((entry) => entry?.schema !== undefined);

describe("OpenAPI document", () => {
  it("documents every registered route with its parameters, request body and responses", async () => {
    await using t = await startTestServer();
    const res = await t.api.get("/api/v1/openapi.json");
    assert.equal(res.status, 200);
    const doc = res.body;
    assert.equal(doc.openapi, "3.1.0");

    const routes = t.server.app.routeTable.routes.filter((route) => !route.hidden);
    assert.ok(routes.length >= 20, `only ${routes.length} routes found`);
    const problems: string[] = [];
    for (const route of routes) {
      const name = `${route.method} ${route.url}`;
      const operation = doc.paths?.[toOpenApiPath(route.url)]?.[route.method.toLowerCase()];
      if (!operation) {
        problems.push(`${name}: missing from the document`);
        continue;
      }
      if (!operation.summary) problems.push(`${name}: no summary`);
      if (!operation.tags?.length) problems.push(`${name}: no tags`);
      const responses = Object.entries(operation.responses ?? {}) as [string, any][];
      const success = responses.filter(([status]) => status.startsWith("2"));
      if (success.length === 0) problems.push(`${name}: no 2xx response`);
      for (const [status, response] of success) {
        if (status !== "204" && !hasSchema(response.content)) {
          problems.push(`${name}: ${status} response has no schema`);
        }
      }
      if (!responses.some(([status]) => status.startsWith("4"))) problems.push(`${name}: no error response`);
      if (route.hasBody && !hasSchema(operation.requestBody?.content)) {
        problems.push(`${name}: request body not documented`);
      }
      for (const param of route.url.match(/:([A-Za-z0-9_]+)/g) ?? []) {
        const documented = (operation.parameters ?? []).some((p: any) => p.in === "path" && p.name === param.slice(1));
        if (!documented) problems.push(`${name}: path parameter ${param} not documented`);
      }
    }
    assert.deepEqual(problems, []);
  });

  it("describes bearer authentication and the shared error shape", async () => {
    await using t = await startTestServer();
    const doc = (await t.api.get("/api/v1/openapi.json")).body;
    assert.deepEqual(doc.components.securitySchemes.bearer, { type: "http", scheme: "bearer", bearerFormat: "JWT" });
    assert.ok(doc.components.schemas.Error, "the Error component exists");
    const me = doc.paths["/api/v1/users/@me"].get;
    assert.deepEqual(me.security, [{ bearer: [] }]);
  });
});
