import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { EMBED_LIMITS, EmbedInputSchema, EmbedSchema, embedTextLength, MessageEmbedsInputSchema } from "./embeds.js";

const full = {
  title: "Release 1.0",
  description: "Everything that changed.",
  url: "https://example.org/release",
  color: 0x5865f2,
  timestamp: "2025-03-01T12:00:00Z",
  fields: [{ name: "Downloads", value: "12", inline: true }],
  author: { name: "Nexus", url: "https://example.org", icon_url: "https://example.org/a.png" },
  footer: { text: "nexus.example.org", icon_url: "https://example.org/f.png" },
  image: { url: "https://example.org/big.png" },
  thumbnail: { url: "https://example.org/small.png" },
};

const messages = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.error?.issues.map((issue) => issue.message).join("; ") ?? "";

describe("embed schema", () => {
  it("accepts a bot embed with every part", () => {
    const parsed = EmbedInputSchema.parse(full);
    assert.equal(parsed.fields?.[0]?.inline, true);
    const expected = ["Release 1.0", "Everything that changed.", "Downloads", "12", "nexus.example.org", "Nexus"];
    assert.equal(embedTextLength(parsed), expected.join("").length);
  });

  it("enforces each Discord limit at its boundary", () => {
    const cases: [string, object][] = [
      ["title", { title: "t".repeat(EMBED_LIMITS.title + 1) }],
      ["description", { description: "d".repeat(EMBED_LIMITS.description + 1) }],
      ["field name", { fields: [{ name: "n".repeat(EMBED_LIMITS.fieldName + 1), value: "v" }] }],
      ["field value", { fields: [{ name: "n", value: "v".repeat(EMBED_LIMITS.fieldValue + 1) }] }],
      ["footer", { footer: { text: "f".repeat(EMBED_LIMITS.footerText + 1) } }],
      ["author", { author: { name: "a".repeat(EMBED_LIMITS.authorName + 1) } }],
      ["26 fields", { fields: Array.from({ length: 26 }, (_, i) => ({ name: `n${i}`, value: "v" })) }],
    ];
    for (const [what, embed] of cases) {
      assert.equal(EmbedInputSchema.safeParse(embed).success, false, `${what} over the limit is refused`);
    }
    assert.ok(EmbedInputSchema.safeParse({ title: "t".repeat(EMBED_LIMITS.title) }).success);
    assert.ok(
      EmbedInputSchema.safeParse({ fields: Array.from({ length: 25 }, (_, i) => ({ name: `n${i}`, value: "v" })) })
        .success,
    );
  });

  it("limits the total text of one embed to 6000 characters", () => {
    const atLimit = { description: "d".repeat(4096), footer: { text: "f".repeat(1904) } };
    assert.ok(EmbedInputSchema.safeParse(atLimit).success);
    const over = { ...atLimit, title: "x" };
    const result = EmbedInputSchema.safeParse(over);
    assert.equal(result.success, false);
    assert.match(messages(result), /6000/);
  });

  it("limits the total text across a message's embeds and their count", () => {
    const half = { description: "d".repeat(3001) };
    const result = MessageEmbedsInputSchema.safeParse([half, half]);
    assert.equal(result.success, false);
    assert.match(messages(result), /6002/);
    assert.equal(MessageEmbedsInputSchema.safeParse(Array.from({ length: 11 }, () => ({ title: "t" }))).success, false);
    assert.ok(MessageEmbedsInputSchema.safeParse(Array.from({ length: 10 }, () => ({ title: "t" }))).success);
  });

  it("refuses links other than http(s), bad colours and bad timestamps", () => {
    for (const url of ["javascript:alert(1)", "data:text/html,hi", "file:///etc/passwd", "not a url"]) {
      assert.equal(EmbedInputSchema.safeParse({ title: "t", url }).success, false, url);
      assert.equal(EmbedInputSchema.safeParse({ image: { url } }).success, false, url);
    }
    assert.equal(EmbedInputSchema.safeParse({ title: "t", color: 0x1000000 }).success, false);
    assert.equal(EmbedInputSchema.safeParse({ title: "t", color: -1 }).success, false);
    assert.equal(EmbedInputSchema.safeParse({ title: "t", timestamp: "yesterday" }).success, false);
  });

  it("refuses an empty embed and unknown or server-only keys from bots", () => {
    assert.equal(EmbedInputSchema.safeParse({}).success, false);
    assert.equal(EmbedInputSchema.safeParse({ url: "https://example.org", color: 1 }).success, false);
    assert.equal(EmbedInputSchema.safeParse({ title: "t", provider: { name: "x" } }).success, false);
    assert.equal(EmbedInputSchema.safeParse({ title: "t", type: "link" }).success, false);
    assert.equal(
      EmbedInputSchema.safeParse({ title: "t", image: { url: "https://a.b/c", proxy_url: "x" } }).success,
      false,
    );
  });

  it("describes generated link previews with type, provider, video and proxy addresses", () => {
    const preview = EmbedSchema.parse({
      type: "video",
      title: "A clip",
      url: "https://video.example/watch/1",
      provider: { name: "Example Video", url: "https://video.example" },
      thumbnail: { url: "https://video.example/t.jpg", proxy_url: "/media/proxy/abc", width: 640, height: 360 },
      video: { url: "https://video.example/v.mp4", width: 1280, height: 720 },
    });
    assert.equal(preview.type, "video");
    assert.equal(EmbedSchema.safeParse({ type: "gifv", title: "t" }).success, false);
  });
});
