import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { gzipSync } from "node:zlib";
import { startTestServer } from "../../test-support/test-server.js";

const INDEX = '<!doctype html><title>Nexus</title><script type="module" src="/assets/app-1a2b3c.js"></script>';
const SCRIPT = `console.log(${JSON.stringify("x".repeat(2000))});`;

describe("web client serving", () => {
  let clientDir: string;
  before(() => {
    clientDir = mkdtempSync(join(tmpdir(), "nexus-web-"));
    mkdirSync(join(clientDir, "assets"));
    writeFileSync(join(clientDir, "index.html"), INDEX);
    writeFileSync(join(clientDir, "assets", "app-1a2b3c.js"), SCRIPT);
    writeFileSync(join(clientDir, "assets", "app-1a2b3c.js.gz"), gzipSync(SCRIPT));
  });
  after(() => rmSync(clientDir, { recursive: true, force: true }));

  test("serves index.html at / and for client-side routes, with the CSP", async () => {
    await using t = await startTestServer({ settings: { "web.client_dir": clientDir } });
    for (const path of ["/", "/login", "/channels/123/456", "/invite/AbCdEf12?x=1"]) {
      const res = await t.api.get(path);
      assert.equal(res.status, 200, path);
      assert.match(res.headers.get("content-type") ?? "", /text\/html/);
      assert.equal(res.body, INDEX);
      assert.equal(res.headers.get("cache-control"), "no-cache");
      assert.match(res.headers.get("content-security-policy") ?? "", /script-src 'self'/);
    }
  });

  test("serves hashed assets as immutable, precompressed when the browser accepts it", async () => {
    await using t = await startTestServer({ settings: { "web.client_dir": clientDir } });
    const plain = await t.api.get("/assets/app-1a2b3c.js", { headers: { "accept-encoding": "identity" } });
    assert.equal(plain.status, 200);
    assert.equal(plain.body, SCRIPT);
    assert.match(plain.headers.get("content-type") ?? "", /javascript/);
    assert.equal(plain.headers.get("cache-control"), "public, max-age=31536000, immutable");

    const raw = await fetch(`${t.baseUrl}/assets/app-1a2b3c.js`, { headers: { "accept-encoding": "gzip" } });
    assert.equal(raw.headers.get("content-encoding"), "gzip");
    assert.equal(await raw.text(), SCRIPT);
  });

  test("keeps JSON 404s for the API, missing files and non-GET requests", async () => {
    await using t = await startTestServer({ settings: { "web.client_dir": clientDir } });
    for (const [method, path] of [
      ["GET", "/api/v1/nope"],
      ["GET", "/api/other"],
      ["GET", "/assets/missing-123.js"],
      ["POST", "/channels/1"],
    ] as const) {
      const res = await t.api.request(method, path);
      assert.equal(res.status, 404, `${method} ${path}`);
      assert.equal(res.body.error.code, "NOT_FOUND");
    }
  });

  test("explains how to build the client when the build is missing", async () => {
    await using t = await startTestServer({ settings: { "web.client_dir": join(clientDir, "missing") } });
    const page = await t.api.get("/channels/@me");
    assert.equal(page.status, 503);
    assert.match(page.headers.get("content-type") ?? "", /text\/html/);
    assert.match(page.body, /npm run build/);
    const api = await t.api.get("/api/v1/nope");
    assert.equal(api.body.error.code, "NOT_FOUND");
  });
});
