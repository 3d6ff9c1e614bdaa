import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { gzipSync } from "node:zlib";
import { startLoopbackServer, watchOutboundSockets } from "../test-support/loopback-http.js";
import { policyAllowing } from "./address-policy.js";
import { createSafeFetcher, type Resolver, readBody, SafeFetchError, type SafeFetchErrorCode } from "./safe-fetch.js";

const userAgent = "NexusBot/0.0.0-test (+link preview; https://nexus.test)";

/** Maps test names to addresses; any other name fails as if it did not exist. */
function fakeDns(names: Record<string, string[]>): Resolver & { calls: string[] } {
  const calls: string[] = [];
  const resolve = async (hostname: string) => {
    calls.push(hostname);
    const found = names[hostname];
    if (!found) throw new Error(`ENOTFOUND ${hostname}`);
    return found.map((address) => ({ address, family: address.includes(":") ? (6 as const) : (4 as const) }));
  };
  return Object.assign(resolve, { calls });
}

async function refusal(promise: Promise<unknown>, code: SafeFetchErrorCode): Promise<SafeFetchError> {
  const error = await promise.then(
    () => assert.fail(`expected ${code}, but the fetch succeeded`),
    (e: unknown) => e,
  );
  assert.ok(error instanceof SafeFetchError, `expected a SafeFetchError, got ${String(error)}`);
  assert.equal(error.code, code, error.message);
  return error;
}

describe("safe fetch: refusals happen before any connection", () => {
  it("refuses loopback, private, metadata and unspecified literals in every spelling", async () => {
    await using target = await startLoopbackServer();
    const fetcher = createSafeFetcher({ userAgent, resolve: fakeDns({}) });
    const p = target.port;
    const urls = [
      `http://127.0.0.1:${p}/`,
      `http://[::1]:${p}/`,
      `http://0.0.0.0:${p}/`,
      `http://2130706433:${p}/`,
      `http://0177.0.0.1:${p}/`,
      `http://0x7f000001:${p}/`,
      `http://0x7f.0.0.1:${p}/`,
      `http://127.1:${p}/`,
      `http://[::ffff:127.0.0.1]:${p}/`,
      `http://[0:0:0:0:0:0:0:1]:${p}/`,
      "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
      "http://[fd00:ec2::254]/latest/meta-data/",
      "http://10.0.0.1/",
      "http://172.16.5.4/",
      "http://192.168.0.1/",
      "http://100.64.0.1/",
      "http://[fe80::1]/",
      "http://[fc00::1]/",
      "http://224.0.0.251/",
      "http://255.255.255.255/",
      "https://192.0.2.10/",
    ];
    using sockets = watchOutboundSockets();
    for (const url of urls) await refusal(fetcher.fetch(url), "BLOCKED_ADDRESS");
    assert.equal(sockets.count, 0, "no socket was opened for any refused address");
    assert.equal(target.connections, 0, "the loopback listener saw no connection");
  });

  it("names the reason, e.g. cloud metadata", async () => {
    const fetcher = createSafeFetcher({ userAgent, resolve: fakeDns({}) });
    const error = await refusal(fetcher.fetch("http://169.254.169.254/"), "BLOCKED_ADDRESS");
    assert.match(error.message, /metadata/);
  });

  it("refuses a hostname that resolves to loopback, or to any private address among public ones", async () => {
    await using target = await startLoopbackServer();
    const dns = fakeDns({ localtest: ["127.0.0.1"], "mixed.test": ["93.184.215.14", "10.0.0.1"], v6: ["::1"] });
    const fetcher = createSafeFetcher({ userAgent, resolve: dns });
    using sockets = watchOutboundSockets();
    await refusal(fetcher.fetch(`http://localtest:${target.port}/`), "BLOCKED_ADDRESS");
    await refusal(fetcher.fetch(`http://v6:${target.port}/`), "BLOCKED_ADDRESS");
    await refusal(fetcher.fetch("https://mixed.test/"), "BLOCKED_ADDRESS");
    assert.equal(sockets.count, 0);
    assert.equal(target.connections, 0);
  });

  it("refuses other schemes, non-web ports, unresolvable names and garbage", async () => {
    const fetcher = createSafeFetcher({ userAgent, resolve: fakeDns({ "public.test": ["93.184.215.14"] }) });
    using sockets = watchOutboundSockets();
    for (const url of ["file:///etc/passwd", "ftp://public.test/", "gopher://public.test:70/", "data:text/html,hi"]) {
      await refusal(fetcher.fetch(url), "BLOCKED_SCHEME");
    }
    await refusal(fetcher.fetch("http://public.test:25/"), "BLOCKED_PORT");
    await refusal(fetcher.fetch("http://public.test:6667/"), "BLOCKED_PORT");
    await refusal(fetcher.fetch("http://nowhere.test/"), "DNS_FAILED");
    await refusal(fetcher.fetch("not a url"), "INVALID_URL");
    assert.equal(sockets.count, 0);
  });
});

describe("safe fetch: allowed fetches (a test-only policy opens 127.0.0.1)", () => {
  const testPolicy = policyAllowing(["127.0.0.1/32"]);

  it("connects to the address it checked, with a clear User-Agent and the original Host", async () => {
    await using site = await startLoopbackServer((_req, res) => {
      res.setHeader("content-type", "text/html; charset=UTF-8");
      res.end("<title>hi</title>");
    });
    const dns = fakeDns({ "site.test": ["127.0.0.1"] });
    const fetcher = createSafeFetcher({ userAgent, resolve: dns, policy: testPolicy });
    using sockets = watchOutboundSockets();
    const response = await fetcher.fetch(`http://site.test:${site.port}/page?q=1#frag`);
    assert.equal(sockets.count, 1, "the socket watcher does see real connections");
    assert.equal(response.status, 200);
    assert.equal(response.mediaType, "text/html");
    assert.equal(response.charset, "utf-8");
    assert.equal((await readBody(response)).toString(), "<title>hi</title>");
    // "site.test" exists only in the fake resolver: the socket went to the pinned address, not to a second lookup.
    assert.deepEqual(dns.calls, ["site.test"]);
    assert.equal(site.requests[0]?.url, "/page?q=1");
    assert.equal(site.requests[0]?.headers.host, `site.test:${site.port}`);
    assert.equal(site.requests[0]?.headers["user-agent"], userAgent);
  });

  it("re-checks every redirect hop and refuses one that points inside the network", async () => {
    await using inner = await startLoopbackServer(undefined, "127.0.0.2");
    const targets = [
      `http://127.0.0.2:${inner.port}/`,
      `http://2130706434:${inner.port}/`,
      `http://inner.test:${inner.port}/`,
      "http://169.254.169.254/latest/meta-data/",
      "http://10.0.0.1/admin",
    ];
    let next = 0;
    await using site = await startLoopbackServer((_req, res) => {
      res.statusCode = 302;
      res.setHeader("location", targets[next++] ?? "/");
      res.end();
    });
    const fetcher = createSafeFetcher({
      userAgent,
      policy: testPolicy,
      resolve: fakeDns({ "inner.test": ["127.0.0.2"] }),
    });
    for (const _ of targets) await refusal(fetcher.fetch(`${site.origin}/start`), "BLOCKED_ADDRESS");
    assert.equal(site.requests.length, targets.length);
    assert.equal(inner.connections, 0, "the private listener behind the redirect was never reached");
  });

  it("follows allowed redirects up to the limit", async () => {
    await using site = await startLoopbackServer((req, res) => {
      const n = Number(new URL(req.url ?? "/", "http://x").searchParams.get("n") ?? 0);
      if (n < 10) {
        res.writeHead(301, { location: `/hop?n=${n + 1}` });
        res.end("moved");
      } else res.end("done");
    });
    const fetcher = createSafeFetcher({ userAgent, policy: testPolicy });
    const response = await fetcher.fetch(`${site.origin}/hop?n=7`);
    assert.equal((await readBody(response)).toString(), "done");
    assert.equal(response.url, `${site.origin}/hop?n=10`);
    await refusal(fetcher.fetch(`${site.origin}/hop?n=0`, { maxRedirects: 5 }), "TOO_MANY_REDIRECTS");
    assert.equal(site.requests.length, 4 + 6, "stopped after the sixth response");
  });

  it("refuses a body declared too large without reading it, and stops a streamed one at the cap", async () => {
    await using site = await startLoopbackServer((req, res) => {
      if (req.url === "/declared") {
        res.setHeader("content-length", String(5_000_000));
        res.write(Buffer.alloc(1024));
        return;
      }
      const chunk = Buffer.alloc(64 * 1024, 97);
      const write = () => {
        while (res.write(chunk)) if (res.writableLength > 1e9) return;
      };
      res.on("drain", write);
      write();
    });
    const fetcher = createSafeFetcher({ userAgent, policy: testPolicy });
    await refusal(fetcher.fetch(`${site.origin}/declared`, { maxBytes: 1_000_000 }), "TOO_LARGE");
    const streamed = await fetcher.fetch(`${site.origin}/endless`, { maxBytes: 1_000_000 });
    await refusal(readBody(streamed), "TOO_LARGE");
  });

  it("caps the decoded size, so a compression bomb stops at the limit", async () => {
    const bomb = gzipSync(Buffer.alloc(20 * 1024 * 1024));
    await using site = await startLoopbackServer((_req, res) => {
      res.writeHead(200, { "content-encoding": "gzip", "content-length": bomb.length });
      res.end(bomb);
    });
    const fetcher = createSafeFetcher({ userAgent, policy: testPolicy });
    assert.ok(bomb.length < 100_000);
    const response = await fetcher.fetch(site.origin, { maxBytes: 1_000_000 });
    await refusal(readBody(response), "TOO_LARGE");
    const small = await fetcher.fetch(site.origin, { maxBytes: 30_000_000 });
    assert.equal((await readBody(small)).length, 20 * 1024 * 1024);
  });

  it("gives up at the deadline on a server that never answers, or answers slowly", async () => {
    await using site = await startLoopbackServer((req, res) => {
      if (req.url === "/slow-body") {
        res.write("<html>");
        return;
      }
    });
    const fetcher = createSafeFetcher({ userAgent, policy: testPolicy });
    const started = Date.now();
    await refusal(fetcher.fetch(`${site.origin}/silent`, { timeoutMs: 300 }), "TIMEOUT");
    const slow = await fetcher.fetch(`${site.origin}/slow-body`, { timeoutMs: 300 });
    await refusal(readBody(slow), "TIMEOUT");
    assert.ok(Date.now() - started < 2_000);
  });
});
