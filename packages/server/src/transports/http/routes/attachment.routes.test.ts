import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { join } from "node:path";
import { describe, it } from "node:test";
import sharp from "sharp";
import { makeGuild, makeMember, makeUser } from "../../../test-support/factories.js";
import { sendMessage } from "../../../test-support/message-factories.js";
import { animatedGif, photoWithGps, solidPng } from "../../../test-support/test-images.js";
import { startTestServer, type TestServer } from "../../../test-support/test-server.js";
import { download, upload, uploadOk } from "../../../test-support/upload-factories.js";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");

/** Where the local store keeps a blob (files/ab/cd/<sha256>). */
function blobPath(t: TestServer, key: string): string {
  return join(t.dataDir, "files", key.slice(0, 2), key.slice(2, 4), key);
}

async function blobKeyOf(t: TestServer, attachmentId: string): Promise<string> {
  const row = await t.server.database.db
    .selectFrom("attachments")
    .select("blob_key")
    .where("id", "=", attachmentId)
    .executeTakeFirstOrThrow();
  return row.blob_key;
}

describe("attachment uploads", () => {
  it("uploads a PNG, sends it with empty content, and serves it with safe headers", async () => {
    await using t = await startTestServer();
    const owner = await makeUser(t.api);
    const guild = await makeGuild(t.api, owner);
    const png = await solidPng(800, 600);
    const uploaded = await uploadOk(t, owner, guild.generalId, png, {
      filename: "C:\\fakepath\\holiday.png",
      type: "image/png",
      fields: { spoiler: "true", description: "a blue square" },
    });
    assert.equal(uploaded.filename, "holiday.png");
    assert.equal(uploaded.content_type, "image/png");
    assert.deepEqual([uploaded.width, uploaded.height], [800, 600]);
    assert.equal(uploaded.url, `/media/attachments/${guild.generalId}/${uploaded.id}/holiday.png`);

    const message = await sendMessage(t.api, owner, guild.generalId, "", { attachment_ids: [uploaded.id] });
    assert.equal(message.content, "");
    const [attachment] = message.attachments;
    assert.equal(attachment.id, uploaded.id);
    assert.equal(attachment.spoiler, true);
    assert.equal(attachment.description, "a blue square");
    assert.deepEqual([attachment.width, attachment.height], [800, 600]);
    assert.equal(attachment.proxy_url, `/media/thumbnails/${guild.generalId}/${uploaded.id}`);
    const history = await t.api.get(`/api/v1/channels/${guild.generalId}/messages`, { token: owner.token });
    assert.deepEqual(history.body[0].attachments, message.attachments);

    const file = await download(t, attachment.url, { token: owner.token });
    assert.equal(file.status, 200);
    assert.equal(file.headers.get("content-type"), "image/png");
    assert.equal(file.headers.get("content-disposition"), 'inline; filename="holiday.png"');
    assert.equal(file.headers.get("x-content-type-options"), "nosniff");
    assert.match(file.headers.get("content-security-policy") ?? "", /^sandbox/);
    assert.match(file.headers.get("cache-control") ?? "", /^private/);
    assert.equal(file.bytes.length, uploaded.size);
    assert.deepEqual(
      await sharp(file.bytes)
        .metadata()
        .then((m) => [m.format, m.width]),
      ["png", 800],
    );

    const thumb = await download(t, attachment.proxy_url, { token: owner.token });
    assert.equal(thumb.status, 200);
    assert.equal(thumb.headers.get("content-type"), "image/webp");
    assert.deepEqual(
      await sharp(thumb.bytes)
        .metadata()
        .then((m) => [m.format, m.width, m.height]),
      ["webp", 400, 300],
    );
  });

  it("strips EXIF and GPS from a JPEG before it is stored", async () => {
    await using t = await startTestServer();
    const owner = await makeUser(t.api);
    const guild = await makeGuild(t.api, owner);
    const photo = await photoWithGps();
    assert.ok(photo.includes("NexusCam"));
    const uploaded = await uploadOk(t, owner, guild.generalId, photo, { filename: "me.jpg", type: "image/jpeg" });
    assert.equal(uploaded.content_type, "image/jpeg");
    assert.deepEqual([uploaded.width, uploaded.height], [48, 64]);
    const { readFile } = await import("node:fs/promises");
    const stored = await readFile(blobPath(t, await blobKeyOf(t, uploaded.id)));
    assert.equal(stored.includes("NexusCam"), false);
    assert.equal(stored.includes("SecretModel"), false);
    assert.equal(stored.includes(Buffer.from([0xff, 0xe1])), false, "no APP1 (EXIF) segment");
    assert.equal((await sharp(stored).metadata()).exif, undefined);
  });

  it("keeps GIFs animated, serves PDFs and text as downloads, stores opaque blobs byte for byte", async () => {
    await using t = await startTestServer();
    const owner = await makeUser(t.api);
    const guild = await makeGuild(t.api, owner);
    const gif = await uploadOk(t, owner, guild.generalId, await animatedGif(), { filename: "party.gif" });
    assert.deepEqual([gif.content_type, gif.width, gif.height], ["image/gif", 40, 30]);

    const pdf = await uploadOk(t, owner, guild.generalId, PDF, { filename: "report.pdf", type: "application/pdf" });
    assert.equal(pdf.content_type, "application/pdf");
    const text = await uploadOk(t, owner, guild.generalId, Buffer.from("hello, world\n"), {
      filename: "notes.txt",
      type: "text/plain",
    });
    assert.equal(text.content_type, "application/octet-stream");
    const cipher = randomBytes(4096);
    const blob = await uploadOk(t, owner, guild.generalId, cipher, { filename: "secret.bin" });
    assert.equal(blob.content_type, "application/octet-stream");
    // Opaque: even bytes that look like a PNG are kept exactly as sent.
    const png = await solidPng(4, 4);
    const opaque = await uploadOk(t, owner, guild.generalId, png, { fields: { opaque: "true" } });
    assert.equal(opaque.content_type, "application/octet-stream");

    await sendMessage(t.api, owner, guild.generalId, "files", {
      attachment_ids: [gif.id, pdf.id, text.id, blob.id, opaque.id],
    });
    const gifFile = await download(t, gif.url, { token: owner.token });
    assert.equal((await sharp(gifFile.bytes, { animated: true }).metadata()).pages, 3);
    for (const [file, name] of [
      [pdf, "report.pdf"],
      [text, "notes.txt"],
    ] as const) {
      const got = await download(t, file.url, { token: owner.token });
      assert.equal(got.headers.get("content-type"), "application/octet-stream");
      assert.equal(got.headers.get("content-disposition"), `attachment; filename="${name}"`);
    }
    assert.ok((await download(t, blob.url, { token: owner.token })).bytes.equals(cipher));
    assert.ok((await download(t, opaque.url, { token: owner.token })).bytes.equals(png));
  });

  it("trusts the bytes, not the claimed type or name", async () => {
    await using t = await startTestServer();
    const owner = await makeUser(t.api);
    const guild = await makeGuild(t.api, owner);
    const html = Buffer.from("<!doctype html><script>alert(document.cookie)</script>");
    const fake = await uploadOk(t, owner, guild.generalId, html, { filename: "cat.png", type: "image/png" });
    assert.equal(fake.content_type, "application/octet-stream");
    assert.equal(fake.width, undefined);
    await sendMessage(t.api, owner, guild.generalId, "", { attachment_ids: [fake.id] });
    const got = await download(t, fake.url, { token: owner.token });
    assert.equal(got.headers.get("content-type"), "application/octet-stream");
    assert.match(got.headers.get("content-disposition") ?? "", /^attachment;/);

    const real = await uploadOk(t, owner, guild.generalId, await solidPng(3, 2), {
      filename: "a.txt",
      type: "text/plain",
    });
    assert.deepEqual([real.content_type, real.width, real.height], ["image/png", 3, 2]);
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const vector = await uploadOk(t, owner, guild.generalId, svg, { filename: "x.svg", type: "image/svg+xml" });
    assert.notEqual(vector.content_type, "image/svg+xml");
  });

  it("reads spoiler and description wherever they are in the form, and checks them", async () => {
    await using t = await startTestServer();
    const owner = await makeUser(t.api);
    const guild = await makeGuild(t.api, owner);
    const after = await uploadOk(t, owner, guild.generalId, PDF, {
      fields: { description: "alt", spoiler: "true" },
      fieldsAfterFile: true,
    });
    assert.deepEqual([after.description, after.spoiler], ["alt", true]);
    const long = await upload(t, owner, guild.generalId, PDF, { fields: { description: "x".repeat(1025) } });
    assert.equal(long.status, 400);
    assert.ok(long.body.error.fields.description);
    const unknown = await upload(t, owner, guild.generalId, PDF, { fields: { colour: "red" } });
    assert.equal(unknown.status, 400);
    const noFile = await fetch(`${t.baseUrl}/api/v1/channels/${guild.generalId}/attachments`, {
      method: "POST",
      headers: { authorization: `Bearer ${owner.token}` },
      body: (() => {
        const form = new FormData();
        form.append("spoiler", "true");
        return form;
      })(),
    });
    assert.equal(noFile.status, 400);
    const torn = await t.api.post(`/api/v1/channels/${guild.generalId}/attachments`, undefined, {
      token: owner.token,
      rawBody: '--a\r\ncontent-disposition: form-data; name="file"; filename="x"\r\n\r\nabc',
      headers: { "content-type": "multipart/form-data; boundary=b" },
    });
    assert.equal(torn.status, 400);
    const json = await t.api.post(
      `/api/v1/channels/${guild.generalId}/attachments`,
      { file: "x" },
      { token: owner.token },
    );
    assert.equal(json.status, 415);
    const rows = await t.server.database.db.selectFrom("attachments").select("id").execute();
    assert.equal(rows.length, 1, "refused uploads leave no rows");
  });

  it("needs ATTACH_FILES and SEND_MESSAGES where the channel is visible", async () => {
    await using t = await startTestServer();
    const owner = await makeUser(t.api);
    const guild = await makeGuild(t.api, owner);
    const member = await makeMember(t, guild.id);
    const outsider = await makeUser(t.api);
    const noFiles = await t.api.put(
      `/api/v1/channels/${guild.generalId}/permissions/${guild.id}`,
      { type: "role", deny: String(1n << 15n) },
      { token: owner.token },
    );
    assert.equal(noFiles.status, 200);
    const denied = await upload(t, member, guild.generalId, PDF);
    assert.equal(denied.status, 403);
    assert.equal(denied.body.error.permission, "ATTACH_FILES");
    assert.equal((await upload(t, outsider, guild.generalId, PDF)).status, 404);
    assert.equal((await upload(t, { token: "nope" }, guild.generalId, PDF)).status, 401);
  });
});

describe("changing an upload before sending", () => {
  it("the uploader sets spoiler and alt text until the file is sent", async () => {
    await using t = await startTestServer();
    const owner = await makeUser(t.api);
    const guild = await makeGuild(t.api, owner);
    const member = await makeMember(t, guild.id);
    const file = await uploadOk(t, owner, guild.generalId, await solidPng(8, 8));
    const path = `/api/v1/channels/${guild.generalId}/attachments/${file.id}`;
    assert.equal((await t.api.patch(path, { spoiler: true }, { token: member.token })).status, 404);
    const changed = await t.api.patch(path, { spoiler: true, description: "a tiny square" }, { token: owner.token });
    assert.equal(changed.status, 200);
    assert.deepEqual([changed.body.spoiler, changed.body.description], [true, "a tiny square"]);
    assert.equal((await t.api.patch(path, { description: "x".repeat(1025) }, { token: owner.token })).status, 400);

    const message = await sendMessage(t.api, owner, guild.generalId, "", { attachment_ids: [file.id] });
    assert.deepEqual([message.attachments[0].spoiler, message.attachments[0].description], [true, "a tiny square"]);
    const late = await t.api.patch(path, { spoiler: false }, { token: owner.token });
    assert.equal(late.status, 409);
  });
});

describe("upload size limit", () => {
  const settings = { "uploads.max_bytes": 64 * 1024 };

  it("refuses an upload whose Content-Length is over the limit before reading the body", async () => {
    await using t = await startTestServer({ settings });
    const owner = await makeUser(t.api);
    const guild = await makeGuild(t.api, owner);
    const { port } = new URL(t.baseUrl);
    const response = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest({
        host: "127.0.0.1",
        port,
        method: "POST",
        path: `/api/v1/channels/${guild.generalId}/attachments`,
        headers: {
          authorization: `Bearer ${owner.token}`,
          "content-type": "multipart/form-data; boundary=xyz",
          "content-length": String(50 * 1024 * 1024),
        },
      });
      req.on("response", (res) => {
        let body = "";
        res.on("data", (chunk) => {
          body += chunk;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on("error", reject);
      // Only the start of the body is ever sent: the answer must come without the rest.
      req.write("--xyz\r\n");
    });
    assert.equal(response.status, 413);
    assert.equal(JSON.parse(response.body).error.code, "PAYLOAD_TOO_LARGE");
  });

  it("stops a streamed upload at the limit and stores nothing", async () => {
    await using t = await startTestServer({ settings });
    const owner = await makeUser(t.api);
    const guild = await makeGuild(t.api, owner);
    const big = randomBytes(200 * 1024);
    const form = new FormData();
    form.append("file", new Blob([big]), "big.bin");
    // A stream has no Content-Length, so the limit is found while reading.
    const encoded = new Response(form);
    const contentType = encoded.headers.get("content-type") ?? "";
    const res = await fetch(`${t.baseUrl}/api/v1/channels/${guild.generalId}/attachments`, {
      method: "POST",
      headers: { authorization: `Bearer ${owner.token}`, "content-type": contentType },
      body: encoded.body,
      duplex: "half",
    } as RequestInit);
    assert.equal(res.status, 413);
    assert.equal(((await res.json()) as any).error.code, "PAYLOAD_TOO_LARGE");
    const rows = await t.server.database.db.selectFrom("attachments").select("id").execute();
    assert.equal(rows.length, 0);
    const small = await uploadOk(t, owner, guild.generalId, randomBytes(1000));
    assert.equal(small.size, 1000);
    assert.ok(existsSync(blobPath(t, await blobKeyOf(t, small.id))));
  });
});
