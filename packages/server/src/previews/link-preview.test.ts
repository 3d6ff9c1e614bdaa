import assert from "node:assert/strict";
import type http from "node:http";
import { describe, it } from "node:test";
import { policyAllowing } from "../net/address-policy.js";
import { createSafeFetcher } from "../net/safe-fetch.js";
import { startLoopbackServer } from "../test-support/loopback-http.js";
import { createLinkPreviewer } from "./link-preview.js";
import { MemoryPreviewCache } from "./preview-cache.js";

type Pages = Record<string, { type?: string; body: string | Buffer } | ((res: http.ServerResponse) => void)>;

/** A site on 127.0.0.1 serving `pages`, and a previewer whose fetcher may reach only that address. */
async function site(pages: Pages) {
  const server = await startLoopbackServer((req, res) => {
    const page = pages[req.url ?? "/"];
    if (!page) {
      res.statusCode = 404;
      res.end();
    } else if (typeof page === "function") page(res);
    else {
      res.setHeader("content-type", page.type ?? "text/html; charset=utf-8");
      res.end(page.body);
    }
  });
  const fetcher = createSafeFetcher({ userAgent: "NexusBot/test", policy: policyAllowing(["127.0.0.1/32"]) });
  const previewer = createLinkPreviewer({ fetcher, cache: new MemoryPreviewCache() });
  return Object.assign(server, { previewer });
}

describe("link previews", () => {
  it("builds an embed from OpenGraph tags, resolving relative addresses", async () => {
    await using s = await site({
      "/post": {
        body: `<!doctype html><html><head><title>Fallback</title>
          <meta property="og:title" content="Nexus 1.0 &amp; friends">
          <meta property="og:description" content="A chat platform.">
          <meta property="og:image" content="/img/cover.png">
          <meta property="og:image:width" content="1200"><meta property="og:image:height" content="630">
          <meta property="og:site_name" content="Nexus Blog"><meta property="og:type" content="article">
          <meta name="theme-color" content="#5865F2">
        </head><body>…</body></html>`,
      },
    });
    const embed = await s.previewer.preview(`${s.origin}/post#comments`);
    assert.deepEqual(embed, {
      type: "article",
      url: `${s.origin}/post`,
      title: "Nexus 1.0 & friends",
      description: "A chat platform.",
      color: 0x5865f2,
      provider: { name: "Nexus Blog" },
      image: { url: `${s.origin}/img/cover.png`, width: 1200, height: 630 },
    });
  });

  it("falls back to Twitter cards, then <title> and <meta name=description>", async () => {
    await using s = await site({
      "/card": {
        body: `<head><meta name="twitter:card" content="summary"><meta name="twitter:title" content="Card title">
          <meta name="twitter:image" content="https://cdn.example/t.jpg"></head>`,
      },
      "/plain": { body: `<html><head><title> Just a   page </title><meta name="description" content="Words."></head>` },
      "/empty": { body: "<html><head></head><body><p>nothing to show</p></body></html>" },
    });
    const card = await s.previewer.preview(`${s.origin}/card`);
    assert.equal(card?.title, "Card title");
    assert.deepEqual(card?.thumbnail, { url: "https://cdn.example/t.jpg" });
    const plain = await s.previewer.preview(`${s.origin}/plain`);
    assert.deepEqual([plain?.type, plain?.title, plain?.description], ["link", "Just a page", "Words."]);
    assert.equal(await s.previewer.preview(`${s.origin}/empty`), null);
  });

  it("uses oEmbed discovery for author and provider", async () => {
    const pages: Pages = {
      "/oembed.json": {
        type: "application/json",
        body: JSON.stringify({
          type: "video",
          title: "A clip",
          author_name: "Ada",
          author_url: "/ada",
          provider_name: "ClipHost",
          thumbnail_url: "/thumb.jpg",
        }),
      },
    };
    await using s = await site(pages);
    pages["/watch"] = {
      body: `<head><link rel="alternate" type="application/json+oembed" href="${s.origin}/oembed.json"></head>`,
    };
    const embed = await s.previewer.preview(`${s.origin}/watch`);
    assert.equal(embed?.title, "A clip");
    assert.deepEqual(embed?.author, { name: "Ada", url: `${s.origin}/ada` });
    assert.deepEqual(embed?.provider, { name: "ClipHost" });
    assert.equal(embed?.thumbnail?.url, `${s.origin}/thumb.jpg`);
  });

  it("ignores an oEmbed endpoint inside the network, and dangerous image addresses", async () => {
    await using inner = await startLoopbackServer(undefined, "127.0.0.2");
    await using s = await site({
      "/sneaky": {
        body: `<head><title>Sneaky</title><meta property="og:image" content="javascript:alert(1)">
          <link rel="alternate" type="application/json+oembed" href="http://127.0.0.2:${inner.port}/oembed"></head>`,
      },
    });
    const embed = await s.previewer.preview(`${s.origin}/sneaky`);
    assert.deepEqual(embed, { type: "link", url: `${s.origin}/sneaky`, title: "Sneaky" });
    assert.equal(inner.connections, 0);
  });

  it("reads only the head of a huge page", async () => {
    let written = 0;
    await using s = await site({
      "/huge": (res) => {
        res.setHeader("content-type", "text/html");
        res.write("<html><head><title>Big</title></head><body>");
        const chunk = Buffer.alloc(64 * 1024, "a");
        const pump = () => {
          while (written < 50 * 1024 * 1024 && res.write(chunk)) written += chunk.length;
        };
        res.on("drain", pump);
        pump();
      },
    });
    const embed = await s.previewer.preview(`${s.origin}/huge`);
    assert.equal(embed?.title, "Big");
    assert.ok(written < 10 * 1024 * 1024, `the server managed to send ${written} bytes`);
  });

  it("previews direct images, skips other files, and never reaches private addresses", async () => {
    await using s = await site({
      "/cat.png": { type: "image/png", body: Buffer.from([0x89, 0x50, 0x4e, 0x47]) },
      "/file.zip": { type: "application/zip", body: "PK" },
    });
    assert.deepEqual(await s.previewer.preview(`${s.origin}/cat.png`), {
      type: "image",
      url: `${s.origin}/cat.png`,
      image: { url: `${s.origin}/cat.png` },
    });
    assert.equal(await s.previewer.preview(`${s.origin}/file.zip`), null);
    assert.equal(await s.previewer.preview("http://169.254.169.254/latest/meta-data/"), null);
    assert.equal(await s.previewer.preview("javascript:alert(1)"), null);
  });

  it("caches previews and failures, so a link posted again is not fetched again", async () => {
    await using s = await site({ "/a": { body: "<title>A</title>" } });
    assert.equal((await s.previewer.preview(`${s.origin}/a`))?.title, "A");
    assert.equal((await s.previewer.preview(`${s.origin}/a#again`))?.title, "A");
    assert.equal(await s.previewer.preview(`${s.origin}/missing`), null);
    assert.equal(await s.previewer.preview(`${s.origin}/missing`), null);
    assert.deepEqual(
      s.requests.map((r) => r.url),
      ["/a", "/missing"],
    );
  });
});

describe("memory preview cache", () => {
  it("expires entries and evicts the least recently used", async () => {
    let now = 0;
    const cache = new MemoryPreviewCache(2, () => now);
    const embed = { type: "link" as const, title: "x" };
    await cache.set("a", embed, 100);
    await cache.set("b", null, 100);
    assert.deepEqual(await cache.get("a"), embed);
    await cache.set("c", embed, 100);
    assert.equal(await cache.get("b"), undefined, "b was least recently used");
    now = 150;
    assert.equal(await cache.get("a"), undefined, "expired");
  });
});
