import assert from "node:assert/strict";
import type http from "node:http";
import { describe, it } from "node:test";
import { DEFAULT_EVERYONE_PERMISSIONS, Permissions } from "@nexus/protocol";
import sharp from "sharp";
import { policyAllowing } from "../../../net/address-policy.js";
import { MediaProxyUrls } from "../../../previews/media-proxy-urls.js";
import { makeGuild, makeMember, makeUser, type TestUser } from "../../../test-support/factories.js";
import { GatewayClient } from "../../../test-support/gateway-client.js";
import { startLoopbackServer, watchOutboundSockets } from "../../../test-support/loopback-http.js";
import { sendMessage } from "../../../test-support/message-factories.js";
import { testBackend } from "../../../test-support/test-database.js";
import { startTestServer, type TestServer } from "../../../test-support/test-server.js";

const png = await sharp({ create: { width: 64, height: 32, channels: 3, background: "teal" } })
  .png()
  .toBuffer();

/** The "external" site: a page with OpenGraph tags whose image is a real PNG, on 127.0.0.1. */
async function externalSite(extra: Record<string, http.RequestListener> = {}) {
  return startLoopbackServer((req, res) => {
    const path = req.url ?? "/";
    const handler = extra[path];
    if (handler) return handler(req, res);
    if (path === "/cover.png") {
      res.setHeader("content-type", "image/png");
      return res.end(png);
    }
    if (path.startsWith("/post")) {
      res.setHeader("content-type", "text/html; charset=utf-8");
      return res.end(`<html><head><title>fallback</title>
        <meta property="og:title" content="A post ${path}"><meta property="og:description" content="Words.">
        <meta property="og:image" content="/cover.png"><meta name="twitter:card" content="summary_large_image">
        </head><body></body></html>`);
    }
    res.statusCode = 404;
    res.end();
  });
}

/** A Nexus whose fetcher may reach 127.0.0.1 only: the test-only hook, not a setting. */
const startWithSite = () => startTestServer({ hooks: { outbound: { policy: policyAllowing(["127.0.0.1/32"]) } } });

async function getMessage(t: TestServer, user: TestUser, channelId: string, id: string) {
  return (await t.api.get(`/api/v1/channels/${channelId}/messages/${id}`, { token: user.token })).body;
}

describe("link previews", () => {
  it("arrive by MESSAGE_UPDATE after the send, with images served through the signed media proxy", async () => {
    await using site = await externalSite();
    await using t = await startWithSite();
    const owner = await makeUser(t.api);
    const guild = await makeGuild(t.api, owner);
    const gateway = await GatewayClient.connect(t.baseUrl);
    await gateway.identify(owner.token);

    const sent = await sendMessage(
      t.api,
      owner,
      guild.generalId,
      `look: ${site.origin}/post/1, and again ${site.origin}/post/1.`,
    );
    assert.deepEqual(sent.embeds, [], "the send does not wait for the fetch");
    assert.equal(sent.flags, 0);
    const update = (await gateway.next((f) => f.t === "MESSAGE_UPDATE")).d;
    assert.equal(update.id, sent.id);
    assert.equal(update.embeds.length, 1, "one preview per distinct link");
    const [embed] = update.embeds;
    assert.equal(embed.title, "A post /post/1");
    assert.equal(embed.description, "Words.");
    assert.equal(embed.image.url, `${site.origin}/cover.png`);
    assert.match(embed.image.proxy_url, /^\/media\/proxy\/[A-Za-z0-9_-]{32}\/[A-Za-z0-9_-]+$/);
    assert.deepEqual((await getMessage(t, owner, guild.generalId, sent.id)).embeds, update.embeds);
    assert.match(site.requests[0]?.headers["user-agent"] ?? "", /^NexusBot\//);

    const before = site.requests.length;
    const proxied = await fetch(`${t.baseUrl}${embed.image.proxy_url}`);
    assert.equal(proxied.status, 200);
    assert.equal(proxied.headers.get("content-type"), "image/png");
    assert.equal(proxied.headers.get("x-content-type-options"), "nosniff");
    assert.ok(Buffer.from(await proxied.arrayBuffer()).equals(png));
    assert.equal(site.requests.at(-1)?.url, "/cover.png", "the server fetched the image, not the viewer");
    assert.equal(site.requests.length, before + 1);

    // Not an open proxy: a forged or altered address is refused without any fetch.
    const [, , , signature, target] = embed.image.proxy_url.split("/");
    const other = Buffer.from(`${site.origin}/post/9`).toString("base64url");
    assert.equal((await fetch(`${t.baseUrl}/media/proxy/${signature}/${other}`)).status, 404);
    const flipped = `${signature.slice(0, -1)}${signature.endsWith("A") ? "B" : "A"}`;
    assert.equal((await fetch(`${t.baseUrl}/media/proxy/${flipped}/${target}`)).status, 404);
    assert.equal(site.requests.length, before + 1);
    // A signed address whose bytes are not an image is not passed on.
    const signedPage = new MediaProxyUrls(t.config.secrets.tokenSigningKey).path(`${site.origin}/post/2`);
    const notImage = await fetch(`${t.baseUrl}${signedPage}`);
    assert.equal(notImage.status, 502);
    assert.equal(((await notImage.json()) as any).error.code, "UPSTREAM_FAILED");

    // An edit that removes the link removes the preview.
    const edited = await t.api.patch(
      `/api/v1/channels/${guild.generalId}/messages/${sent.id}`,
      { content: "no links now" },
      { token: owner.token },
    );
    assert.equal(edited.status, 200);
    await t.server.services.linkPreviews.idle();
    assert.deepEqual((await getMessage(t, owner, guild.generalId, sent.id)).embeds, []);
    await gateway.close();
  });

  it("skip <links>, links in code, and anything past the fifth; a link seen before comes from the cache", async () => {
    await using site = await externalSite();
    await using t = await startWithSite();
    const owner = await makeUser(t.api);
    const guild = await makeGuild(t.api, owner);
    const quiet = await sendMessage(t.api, owner, guild.generalId, `<${site.origin}/post/a> \`${site.origin}/post/b\``);
    await t.server.services.linkPreviews.idle();
    assert.equal(site.requests.length, 0, "nothing fetched");
    assert.deepEqual((await getMessage(t, owner, guild.generalId, quiet.id)).embeds, []);

    const links = Array.from({ length: 7 }, (_, i) => `${site.origin}/post/${i}`).join(" ");
    const many = await sendMessage(t.api, owner, guild.generalId, links);
    await t.server.services.linkPreviews.idle();
    const embeds = (await getMessage(t, owner, guild.generalId, many.id)).embeds;
    assert.deepEqual(
      embeds.map((e: any) => e.title),
      [0, 1, 2, 3, 4].map((i) => `A post /post/${i}`),
    );
    const fetched = site.requests.length;
    await sendMessage(t.api, owner, guild.generalId, `${site.origin}/post/0 again`);
    await t.server.services.linkPreviews.idle();
    assert.equal(site.requests.length, fetched, "served from the preview cache");
  });

  it("the server switch, the author's switch and EMBED_LINKS each turn previews off", async () => {
    await using site = await externalSite();
    await using t = await startWithSite();
    const owner = await makeUser(t.api);
    const guild = await makeGuild(t.api, owner);
    const member = await makeMember(t, guild.id);
    const embedsOf = async (author: TestUser, path: string) => {
      const m = await sendMessage(t.api, author, guild.generalId, `${site.origin}${path}`);
      await t.server.services.linkPreviews.idle();
      return (await getMessage(t, owner, guild.generalId, m.id)).embeds.length;
    };
    assert.equal(await embedsOf(member, "/post/on"), 1);

    const guildSwitch = `/api/v1/guilds/${guild.id}/link-previews`;
    assert.equal((await t.api.patch(guildSwitch, { enabled: false }, { token: member.token })).status, 403);
    assert.deepEqual((await t.api.patch(guildSwitch, { enabled: false }, { token: owner.token })).body, {
      enabled: false,
    });
    assert.deepEqual((await t.api.get(guildSwitch, { token: member.token })).body, { enabled: false });
    assert.equal(await embedsOf(member, "/post/guild-off"), 0);
    await t.api.patch(guildSwitch, { enabled: true }, { token: owner.token });

    const gateway = await GatewayClient.connect(t.baseUrl);
    await gateway.identify(member.token);
    const mine = await t.api.patch("/api/v1/users/@me/link-previews", { enabled: false }, { token: member.token });
    assert.deepEqual(mine.body, { enabled: false });
    assert.deepEqual((await gateway.next((f) => f.t === "LINK_PREVIEW_SETTINGS_UPDATE")).d, {
      scope: "user",
      id: member.id,
      enabled: false,
    });
    assert.equal(await embedsOf(member, "/post/user-off"), 0);
    assert.equal(await embedsOf(owner, "/post/owner-still-on"), 1, "only that author's links");
    await t.api.patch("/api/v1/users/@me/link-previews", { enabled: true }, { token: member.token });

    const withoutEmbeds = DEFAULT_EVERYONE_PERMISSIONS & ~Permissions.EMBED_LINKS;
    await t.api.patch(
      `/api/v1/guilds/${guild.id}/roles/${guild.id}`,
      { permissions: withoutEmbeds.toString() },
      { token: owner.token },
    );
    assert.equal(await embedsOf(member, "/post/no-embed-links"), 0);
    assert.ok(!site.requests.some((r) => r.url.includes("off") || r.url.includes("no-embed")), "never fetched");
    await gateway.close();
  });

  it("SUPPRESS_EMBEDS: set on send, or later by the author or MANAGE_MESSAGES, and cleared to bring them back", async () => {
    await using site = await externalSite();
    await using t = await startWithSite();
    const owner = await makeUser(t.api);
    const guild = await makeGuild(t.api, owner);
    const member = await makeMember(t, guild.id);
    const suppressed = await sendMessage(t.api, member, guild.generalId, `${site.origin}/post/s`, { flags: 4 });
    await t.server.services.linkPreviews.idle();
    assert.equal(suppressed.flags, 4);
    assert.deepEqual((await getMessage(t, owner, guild.generalId, suppressed.id)).embeds, []);

    const m = await sendMessage(t.api, owner, guild.generalId, `${site.origin}/post/m`);
    await t.server.services.linkPreviews.idle();
    const url = `/api/v1/channels/${guild.generalId}/messages/${m.id}`;
    assert.equal((await getMessage(t, owner, guild.generalId, m.id)).embeds.length, 1);
    const notAllowed = await t.api.patch(url, { flags: 4 }, { token: member.token });
    assert.equal(notAllowed.status, 403);
    assert.equal((await t.api.patch(url, { content: "x" }, { token: member.token })).status, 403);
    assert.equal((await t.api.patch(url, { flags: 1 }, { token: owner.token })).status, 400, "unknown flag");

    const gateway = await GatewayClient.connect(t.baseUrl);
    await gateway.identify(member.token);
    const hidden = await t.api.patch(url, { flags: 4 }, { token: owner.token });
    assert.equal(hidden.status, 200);
    assert.deepEqual([hidden.body.flags, hidden.body.embeds], [4, []]);
    const update = (await gateway.next((f) => f.t === "MESSAGE_UPDATE")).d;
    assert.deepEqual([update.flags, update.embeds], [4, []]);

    // A moderator's own message and someone else's: MANAGE_MESSAGES may suppress the member's message too.
    const theirs = await sendMessage(t.api, member, guild.generalId, `${site.origin}/post/theirs`);
    await t.server.services.linkPreviews.idle();
    const theirsUrl = `/api/v1/channels/${guild.generalId}/messages/${theirs.id}`;
    assert.equal((await t.api.patch(theirsUrl, { flags: 4 }, { token: owner.token })).status, 200);
    assert.equal((await t.api.patch(theirsUrl, { flags: 0 }, { token: member.token })).status, 200);
    await t.server.services.linkPreviews.idle();
    assert.equal((await getMessage(t, owner, guild.generalId, theirs.id)).embeds.length, 1, "cleared: back again");
    await gateway.close();
  });
});

describe("link-preview jobs outlive the node that took the request", () => {
  it("a job recorded before a restart, and one a crashed run still held, both complete after it", async () => {
    await using site = await externalSite();
    const hooks = { outbound: { policy: policyAllowing(["127.0.0.1/32"]) } };
    await using first = await startTestServer({ hooks });
    const owner = await makeUser(first.api);
    const guild = await makeGuild(first.api, owner);
    // This node's worker stops first, as if the process died before it got to the jobs.
    await first.server.services.linkPreviews.stop();
    const waiting = await sendMessage(first.api, owner, guild.generalId, `${site.origin}/post/waiting`);
    const held = await sendMessage(first.api, owner, guild.generalId, `${site.origin}/post/held`);
    // The second job was being run when its process died, claimed once. Lite is the only node, so it takes the job
    // back at start though the lease has an hour left; with several nodes a job is taken again once its lease ran out.
    const leaseEnd = testBackend() === "lite" ? Date.now() + 3_600_000 : Date.now() - 1;
    await first.server.database.db
      .updateTable("link_preview_jobs")
      .set({ locked_until: leaseEnd, attempts: 1 })
      .where("message_id", "=", held.id)
      .execute();
    await first.stop();
    assert.equal(site.requests.length, 0, "nothing was fetched before the restart");

    await using second = await startTestServer({ hooks, dataDir: first.dataDir });
    await second.server.services.linkPreviews.idle();
    for (const [message, path] of [
      [waiting, "/post/waiting"],
      [held, "/post/held"],
    ] as const) {
      const embeds = (await getMessage(second, owner, guild.generalId, message.id)).embeds;
      assert.deepEqual(
        embeds.map((e: any) => e.title),
        [`A post ${path}`],
      );
    }
    const left = await second.server.database.db.selectFrom("link_preview_jobs").select("message_id").execute();
    assert.deepEqual(left, [], "finished jobs are removed");
  });
});

describe("link-preview jobs that fail", () => {
  it("are retried later with growing waits, then given up after the third attempt", async () => {
    await using site = await externalSite();
    await using t = await startWithSite();
    const owner = await makeUser(t.api);
    const guild = await makeGuild(t.api, owner);
    const sent = await sendMessage(t.api, owner, guild.generalId, `${site.origin}/post/broken`);
    await t.server.services.linkPreviews.idle();
    const { db } = t.server.database;
    // A row the job cannot read makes every run fail (a stand-in for a database or bus error mid-run).
    await db.updateTable("messages").set({ embeds: "{" }).where("id", "=", sent.id).execute();
    const job = () =>
      db
        .selectFrom("link_preview_jobs")
        .select(["attempts", "run_at", "locked_until"])
        .where("message_id", "=", sent.id)
        .executeTakeFirst();
    const runNow = async () => {
      await db.updateTable("link_preview_jobs").set({ run_at: 0 }).where("message_id", "=", sent.id).execute();
      t.server.services.linkPreviews.wake();
      await t.server.services.linkPreviews.idle();
    };
    await db
      .insertInto("link_preview_jobs")
      .values({ message_id: sent.id, channel_id: guild.generalId, token: "t", run_at: 0, locked_until: null })
      .execute();
    const before = Date.now();
    t.server.services.linkPreviews.wake();
    await t.server.services.linkPreviews.idle();
    const first = await job();
    assert.equal(first?.attempts, 1);
    assert.equal(first?.locked_until, null);
    assert.ok(Number(first?.run_at) >= before + 30_000, "the first retry waits 30 s");
    await runNow();
    const second = await job();
    assert.equal(second?.attempts, 2);
    assert.ok(Number(second?.run_at) >= before + 120_000, "the second waits 2 min");
    await runNow();
    assert.equal(await job(), undefined, "given up after the third attempt");
  });
});

describe("link previews refuse internal addresses (SSRF) without connecting", () => {
  it("loopback, unspecified, metadata, private, decimal and octal forms, localhost and stubbed DNS", async () => {
    await using listener = await startLoopbackServer();
    const v6 = await startLoopbackServer(undefined, "::1").catch(() => undefined);
    // Production policy; only DNS is stubbed (as the system resolver answers localhost, and as a hostile public
    // name could point at loopback).
    await using t = await startTestServer({
      hooks: {
        outbound: {
          resolve: stubbedDns({
            localhost: ["127.0.0.1", "::1"],
            "evil.test": ["127.0.0.1"],
            "mixed.test": ["8.8.8.8", "::1"],
          }),
        },
      },
    });
    const owner = await makeUser(t.api);
    const guild = await makeGuild(t.api, owner);
    const p = listener.port;
    const urls = [
      `http://127.0.0.1:${p}/`,
      `http://[::1]:${v6?.port ?? p}/`,
      `http://0.0.0.0:${p}/`,
      "http://169.254.169.254/latest/meta-data/",
      "http://10.0.0.1/",
      `http://2130706433:${p}/`,
      `http://0177.0.0.1:${p}/`,
      `http://localhost:${p}/`,
      `http://evil.test:${p}/`,
      `http://mixed.test:${v6?.port ?? p}/`,
    ];
    // Sent through the service (no HTTP from the test), so the watcher sees only what the server itself opens.
    const sockets = watchOutboundSockets();
    const sent = [];
    for (const url of urls) {
      sent.push((await t.server.services.messages.send(owner.id, guild.generalId, { content: `see ${url}` })).message);
    }
    await t.server.services.linkPreviews.idle();
    const opened = sockets.count;
    sockets[Symbol.dispose]();
    assert.equal(listener.connections, 0, "the IPv4 loopback listener saw no connection");
    assert.equal(v6?.connections ?? 0, 0, "the IPv6 loopback listener saw no connection");
    // The PostgreSQL pass may open pool connections meanwhile; on lite the server opens nothing at all.
    if (testBackend() === "lite") assert.equal(opened, 0, "no outbound socket was opened");
    for (const m of sent) assert.deepEqual((await getMessage(t, owner, guild.generalId, m.id)).embeds, [], m.content);
    await v6?.close();
  });

  it("a redirect from an allowed site to a private address is refused before connecting", async () => {
    await using inner = await startLoopbackServer(undefined, "127.0.0.2");
    await using site = await externalSite({
      "/jump": (_req, res) => {
        res.writeHead(302, { location: `http://127.0.0.2:${inner.port}/secret` });
        res.end();
      },
      "/jump-metadata": (_req, res) => {
        res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" });
        res.end();
      },
    });
    await using t = await startWithSite();
    const owner = await makeUser(t.api);
    const guild = await makeGuild(t.api, owner);
    const m = await sendMessage(t.api, owner, guild.generalId, `${site.origin}/jump ${site.origin}/jump-metadata`);
    await t.server.services.linkPreviews.idle();
    assert.deepEqual(site.requests.map((r) => r.url).sort(), ["/jump", "/jump-metadata"]);
    assert.equal(inner.connections, 0, "the private listener behind the redirect was never reached");
    assert.deepEqual((await getMessage(t, owner, guild.generalId, m.id)).embeds, []);
  });
});

function stubbedDns(names: Record<string, string[]>) {
  return async (hostname: string) => {
    const found = names[hostname];
    if (!found) throw new Error(`ENOTFOUND ${hostname}`);
    return found.map((address) => ({ address, family: address.includes(":") ? (6 as const) : (4 as const) }));
  };
}
