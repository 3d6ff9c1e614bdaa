import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { contentDisposition, downloadHeaders, parseRangeHeader } from "./download-headers.js";

describe("download headers", () => {
  it("shows plain media inline and hardens every response", () => {
    const headers = downloadHeaders({ filename: "cat.png", contentType: "image/png", contentLength: 10, etag: "ab" });
    assert.equal(headers["content-type"], "image/png");
    assert.equal(headers["content-disposition"], 'inline; filename="cat.png"');
    assert.equal(headers["x-content-type-options"], "nosniff");
    assert.match(headers["content-security-policy"] ?? "", /^sandbox/);
    assert.equal(headers["content-length"], "10");
    assert.equal(headers.etag, '"ab"');
  });

  it("never serves markup or scripts as themselves: they download as bytes", () => {
    for (const contentType of ["text/html", "image/svg+xml", "application/xhtml+xml", "text/xml", "application/pdf"]) {
      const headers = downloadHeaders({ filename: "x", contentType, contentLength: 1 });
      assert.equal(headers["content-type"], "application/octet-stream", contentType);
      assert.match(headers["content-disposition"] ?? "", /^attachment;/, contentType);
    }
    const sneaky = downloadHeaders({ filename: "a.png", contentType: "IMAGE/PNG; charset=x", contentLength: 1 });
    assert.equal(sneaky["content-type"], "image/png");
  });

  it("encodes file names per RFC 6266 and keeps them inside the download folder", () => {
    assert.equal(
      contentDisposition("attachment", "résumé 2025.pdf"),
      `attachment; filename="r_sum_ 2025.pdf"; filename*=UTF-8''r%C3%A9sum%C3%A9%202025.pdf`,
    );
    assert.equal(
      contentDisposition("attachment", '../../etc/pa"ss\r\nX-Evil: 1'),
      `attachment; filename="_.._etc_pa_ss__X-Evil: 1"; filename*=UTF-8''_.._etc_pa%22ss__X-Evil%3A%201`,
    );
    assert.equal(contentDisposition("inline", "..."), 'inline; filename="file"');
    assert.equal(contentDisposition("attachment", "invoice\u202Efdp.exe"), 'attachment; filename="invoice_fdp.exe"');
    assert.equal(
      contentDisposition("attachment", "日本.txt"),
      `attachment; filename="__.txt"; filename*=UTF-8''%E6%97%A5%E6%9C%AC.txt`,
    );
  });

  it("parses single byte ranges against the size", () => {
    assert.deepEqual(parseRangeHeader("bytes=0-99", 1000), { start: 0, end: 99 });
    assert.deepEqual(parseRangeHeader("bytes=900-", 1000), { start: 900, end: 999 });
    assert.deepEqual(parseRangeHeader("bytes=-100", 1000), { start: 900, end: 999 });
    assert.deepEqual(parseRangeHeader("bytes=990-5000", 1000), { start: 990, end: 999 });
    assert.equal(parseRangeHeader("bytes=1000-", 1000), "unsatisfiable");
    assert.equal(parseRangeHeader("bytes=5-1", 1000), "unsatisfiable");
    assert.equal(parseRangeHeader("bytes=0-1,5-6", 1000), undefined);
    assert.equal(parseRangeHeader("items=0-1", 1000), undefined);
    assert.equal(parseRangeHeader(undefined, 1000), undefined);
  });
});
