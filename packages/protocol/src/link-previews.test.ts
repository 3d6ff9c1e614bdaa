import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { previewableUrls } from "./link-previews.js";

describe("previewableUrls", () => {
  it("finds web links, without sentence punctuation or the sentence's closing parenthesis", () => {
    assert.deepEqual(
      previewableUrls("see https://a.example/x. and (http://b.example/y) or https://en.wikipedia.org/wiki/Foo_(bar)!"),
      ["https://a.example/x", "http://b.example/y", "https://en.wikipedia.org/wiki/Foo_(bar)"],
    );
  });

  it("skips <angle-bracketed> links, links in code, other schemes and repeats, and stops at five", () => {
    assert.deepEqual(
      previewableUrls("<https://quiet.example> `https://code.example` ```\nhttps://block.example\n```"),
      [],
    );
    assert.deepEqual(previewableUrls("ftp://x.example javascript:alert(1) https://"), []);
    const many = Array.from({ length: 7 }, (_, i) => `https://s${i}.example`).join(" ");
    assert.deepEqual(
      previewableUrls(`${many} https://s0.example`),
      [0, 1, 2, 3, 4].map((i) => `https://s${i}.example`),
    );
  });
});
