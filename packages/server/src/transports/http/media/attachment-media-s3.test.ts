import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import S3rver from "s3rver";
import { makeGuild, makeUser } from "../../../test-support/factories.js";
import { sendMessage } from "../../../test-support/message-factories.js";
import { photoWithGps } from "../../../test-support/test-images.js";
import { startTestServer } from "../../../test-support/test-server.js";
import { download, uploadOk } from "../../../test-support/upload-factories.js";

// The scale-out file store: an S3-compatible server on loopback (s3rver accepts the S3RVER/S3RVER account).
let root = "";
let s3: S3rver;
let settings: Record<string, unknown>;

before(async () => {
  root = await mkdtemp(join(tmpdir(), "nexus-s3-media-"));
  s3 = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory: join(root, "s3"),
    configureBuckets: [{ name: "nexus-media" }],
  });
  const { port } = await s3.run();
  settings = {
    "storage.driver": "s3",
    "storage.s3.endpoint": `http://127.0.0.1:${port}`,
    "storage.s3.region": "us-east-1",
    "storage.s3.bucket": "nexus-media",
    "storage.s3.access_key_id": "S3RVER",
    "storage.s3.secret_access_key": "S3RVER",
    "storage.s3.force_path_style": true,
  };
});

after(async () => {
  await s3.close();
  await rm(root, { recursive: true, force: true });
});

describe("attachments on the S3 file store", () => {
  it("uploads, serves ranges and deletes the object with the message", async () => {
    await using t = await startTestServer({ settings });
    const owner = await makeUser(t.api);
    const guild = await makeGuild(t.api, owner);
    const uploaded = await uploadOk(t, owner, guild.generalId, await photoWithGps(), { filename: "photo.jpg" });
    const message = await sendMessage(t.api, owner, guild.generalId, "", { attachment_ids: [uploaded.id] });
    const file = await download(t, uploaded.url, { token: owner.token });
    assert.equal(file.status, 200);
    assert.equal(file.bytes.length, uploaded.size);
    assert.equal(file.bytes.includes("NexusCam"), false);
    const part = await download(t, uploaded.url, { token: owner.token, headers: { range: "bytes=0-1" } });
    assert.equal(part.status, 206);
    assert.deepEqual([...part.bytes], [0xff, 0xd8], "a JPEG starts with its SOI marker");

    const { blob_key } = await t.server.database.db
      .selectFrom("attachments")
      .select("blob_key")
      .where("id", "=", uploaded.id)
      .executeTakeFirstOrThrow();
    assert.equal(await t.server.blobs.exists(blob_key), true);
    const path = `/api/v1/channels/${guild.generalId}/messages/${message.id}`;
    assert.equal((await t.api.delete(path, { token: owner.token })).status, 204);
    assert.equal(await t.server.blobs.exists(blob_key), false);
  });
});
