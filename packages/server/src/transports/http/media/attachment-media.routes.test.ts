import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { describe, it } from "node:test";
import { makeGuild, makeMember, makeUser } from "../../../test-support/factories.js";
import { befriend, openDm, sendMessage } from "../../../test-support/message-factories.js";
import { startTestServer, type TestServer } from "../../../test-support/test-server.js";
import { download, uploadOk } from "../../../test-support/upload-factories.js";

const deny = (bit: bigint) => ({ type: "role", deny: String(bit) });
const VIEW_CHANNEL = 1n << 10n;
const READ_MESSAGE_HISTORY = 1n << 16n;

async function blobFile(t: TestServer, attachmentId: string): Promise<string> {
  const { blob_key } = await t.server.database.db
    .selectFrom("attachments")
    .select("blob_key")
    .where("id", "=", attachmentId)
    .executeTakeFirstOrThrow();
  return join(t.dataDir, "files", blob_key.slice(0, 2), blob_key.slice(2, 4), blob_key);
}

/** A guild with a member, and a sent 1000-byte attachment in #general. */
async function sharedFile(t: TestServer) {
  const owner = await makeUser(t.api);
  const guild = await makeGuild(t.api, owner);
  const member = await makeMember(t, guild.id);
  const bytes = randomBytes(1000);
  const uploaded = await uploadOk(t, owner, guild.generalId, bytes, { filename: "data.bin" });
  const message = await sendMessage(t.api, owner, guild.generalId, "here", { attachment_ids: [uploaded.id] });
  return { owner, guild, member, bytes, uploaded, message, url: uploaded.url as string };
}

describe("attachment downloads", () => {
  it("checks the viewer's own access on every download", async () => {
    await using t = await startTestServer();
    const { owner, guild, member, bytes, url } = await sharedFile(t);
    assert.ok((await download(t, url, { token: member.token })).bytes.equals(bytes));
    assert.equal((await download(t, url)).status, 401, "a URL alone grants nothing");
    assert.equal((await download(t, url, { token: "forged" })).status, 401);

    const stranger = await makeUser(t.api);
    await makeGuild(t.api, stranger, "Elsewhere");
    assert.equal((await download(t, url, { token: stranger.token })).status, 404, "another guild's member");

    const path = `/api/v1/channels/${guild.generalId}/permissions/${guild.id}`;
    assert.equal((await t.api.put(path, deny(READ_MESSAGE_HISTORY), { token: owner.token })).status, 200);
    assert.equal((await download(t, url, { token: member.token })).status, 403, "no READ_MESSAGE_HISTORY");
    assert.equal((await t.api.put(path, deny(VIEW_CHANNEL), { token: owner.token })).status, 200);
    assert.equal((await download(t, url, { token: member.token })).status, 404, "hidden channel");
    assert.equal((await t.api.delete(path, { token: owner.token })).status, 204);
    assert.equal((await download(t, url, { token: member.token })).status, 200);

    const kick = await t.api.delete(`/api/v1/guilds/${guild.id}/members/${member.id}`, { token: owner.token });
    assert.equal(kick.status, 204);
    assert.equal((await download(t, url, { token: member.token })).status, 404, "removed member");
    assert.equal((await download(t, url, { token: owner.token })).status, 200);
  });

  it("unsent uploads are visible to their uploader only", async () => {
    await using t = await startTestServer();
    const owner = await makeUser(t.api);
    const guild = await makeGuild(t.api, owner);
    const member = await makeMember(t, guild.id);
    const uploaded = await uploadOk(t, owner, guild.generalId, randomBytes(10));
    assert.equal((await download(t, uploaded.url, { token: owner.token })).status, 200);
    assert.equal((await download(t, uploaded.url, { token: member.token })).status, 404);
  });

  it("DM attachments reach the recipients only", async () => {
    await using t = await startTestServer();
    const alice = await makeUser(t.api);
    const bob = await makeUser(t.api);
    const eve = await makeUser(t.api);
    await befriend(t.api, alice, bob);
    const dm = await openDm(t.api, alice, bob);
    const uploaded = await uploadOk(t, alice, dm.id, randomBytes(10));
    await sendMessage(t.api, alice, dm.id, "", { attachment_ids: [uploaded.id] });
    assert.equal((await download(t, uploaded.url, { token: bob.token })).status, 200);
    assert.equal((await download(t, uploaded.url, { token: eve.token })).status, 404);
  });

  it("the media cookie works for /media only, and dies with the session", async () => {
    await using t = await startTestServer();
    const { member, bytes, url } = await sharedFile(t);
    const res = await t.api.post("/api/v1/auth/media-cookie", undefined, { token: member.token });
    assert.equal(res.status, 200);
    const setCookie = res.headers.get("set-cookie") ?? "";
    assert.match(setCookie, /^nexus_media=[^;]+; Path=\/media; Max-Age=\d+; HttpOnly; SameSite=Strict/);
    const cookie = setCookie.split(";")[0] ?? "";
    const viaCookie = await download(t, url, { cookie });
    assert.equal(viaCookie.status, 200);
    assert.ok(viaCookie.bytes.equals(bytes));
    const cookieToken = cookie.slice("nexus_media=".length);
    assert.equal((await t.api.get("/api/v1/users/@me", { token: cookieToken })).status, 401, "not an API token");

    assert.equal((await t.api.post("/api/v1/auth/logout", undefined, { token: member.token })).status, 204);
    assert.equal((await download(t, url, { cookie })).status, 401);
    const cleared = await t.api.delete("/api/v1/auth/media-cookie");
    assert.match(cleared.headers.get("set-cookie") ?? "", /^nexus_media=; Path=\/media; Max-Age=0/);
  });

  it("answers 404, not 500, when the stored file has gone missing", async () => {
    await using t = await startTestServer();
    const { member, uploaded, url } = await sharedFile(t);
    await rm(await blobFile(t, uploaded.id));
    const missing = await download(t, url, { token: member.token });
    assert.equal(missing.status, 404);
    assert.equal(JSON.parse(missing.bytes.toString()).error.code, "NOT_FOUND");
  });

  it("answers byte ranges and conditional requests", async () => {
    await using t = await startTestServer();
    const { owner, bytes, url } = await sharedFile(t);
    const first = await download(t, url, { token: owner.token, headers: { range: "bytes=0-9" } });
    assert.equal(first.status, 206);
    assert.equal(first.headers.get("content-range"), "bytes 0-9/1000");
    assert.ok(first.bytes.equals(bytes.subarray(0, 10)));
    const tail = await download(t, url, { token: owner.token, headers: { range: "bytes=-5" } });
    assert.ok(tail.bytes.equals(bytes.subarray(995)));
    const beyond = await download(t, url, { token: owner.token, headers: { range: "bytes=5000-" } });
    assert.equal(beyond.status, 416);
    assert.equal(beyond.headers.get("content-range"), "bytes */1000");

    const whole = await download(t, url, { token: owner.token });
    const etag = whole.headers.get("etag") ?? "";
    assert.match(etag, /^"[0-9a-f]{64}"$/);
    const again = await download(t, url, { token: owner.token, headers: { "if-none-match": etag } });
    assert.equal(again.status, 304);
    assert.equal(again.bytes.length, 0);
  });
});

describe("sending attachments", () => {
  it("refuses ids that are not the sender's unsent uploads to this channel", async () => {
    await using t = await startTestServer();
    const owner = await makeUser(t.api);
    const guild = await makeGuild(t.api, owner);
    const member = await makeMember(t, guild.id);
    const other = await t.api.post(`/api/v1/guilds/${guild.id}/channels`, { name: "other" }, { token: owner.token });
    const mine = await uploadOk(t, owner, guild.generalId, randomBytes(10));
    const url = `/api/v1/channels/${guild.generalId}/messages`;

    const theirs = await t.api.post(url, { attachment_ids: [mine.id] }, { token: member.token });
    assert.equal(theirs.status, 400);
    assert.ok(theirs.body.error.fields.attachment_ids);
    const elsewhere = await t.api.post(
      `/api/v1/channels/${other.body.id}/messages`,
      { attachment_ids: [mine.id] },
      { token: owner.token },
    );
    assert.equal(elsewhere.status, 400);
    assert.equal((await t.api.post(url, { content: "" }, { token: owner.token })).status, 400, "empty without files");
    const ids = Array.from({ length: 11 }, (_, i) => String(1000 + i));
    assert.equal((await t.api.post(url, { attachment_ids: ids }, { token: owner.token })).status, 400, "over 10");

    assert.equal((await t.api.post(url, { attachment_ids: [mine.id] }, { token: owner.token })).status, 201);
    const reuse = await t.api.post(url, { attachment_ids: [mine.id] }, { token: owner.token });
    assert.equal(reuse.status, 400, "an attachment is sent once");
  });

  it("a nonce retry returns the first message with its attachments", async () => {
    await using t = await startTestServer();
    const owner = await makeUser(t.api);
    const guild = await makeGuild(t.api, owner);
    const file = await uploadOk(t, owner, guild.generalId, randomBytes(10));
    const url = `/api/v1/channels/${guild.generalId}/messages`;
    const body = { attachment_ids: [file.id], nonce: "n-1" };
    const first = await t.api.post(url, body, { token: owner.token });
    const retry = await t.api.post(url, body, { token: owner.token });
    assert.deepEqual([first.status, retry.status], [201, 200]);
    assert.equal(retry.body.id, first.body.id);
    assert.equal(retry.body.attachments[0].id, file.id);
  });

  it("deleting the message deletes the file, unless another attachment has the same bytes", async () => {
    await using t = await startTestServer();
    const owner = await makeUser(t.api);
    const guild = await makeGuild(t.api, owner);
    const bytes = randomBytes(100);
    const a = await uploadOk(t, owner, guild.generalId, bytes);
    const b = await uploadOk(t, owner, guild.generalId, bytes);
    const first = await sendMessage(t.api, owner, guild.generalId, "", { attachment_ids: [a.id] });
    const second = await sendMessage(t.api, owner, guild.generalId, "", { attachment_ids: [b.id] });
    const stored = await blobFile(t, a.id);
    assert.equal(stored, await blobFile(t, b.id), "identical files share a blob");

    const path = `/api/v1/channels/${guild.generalId}/messages`;
    assert.equal((await t.api.delete(`${path}/${first.id}`, { token: owner.token })).status, 204);
    assert.equal((await download(t, a.url, { token: owner.token })).status, 404);
    assert.ok(existsSync(stored), "still referenced by the other message");
    assert.equal((await download(t, b.url, { token: owner.token })).status, 200);

    const third = await sendMessage(t.api, owner, guild.generalId, "x");
    const bulk = await t.api.post(`${path}/bulk-delete`, { messages: [second.id, third.id] }, { token: owner.token });
    assert.equal(bulk.status, 204);
    assert.equal(existsSync(stored), false, "the last reference went, so did the blob");
  });

  it("the sweeper removes unsent uploads after an hour and files of deleted channels", async () => {
    await using t = await startTestServer();
    const owner = await makeUser(t.api);
    const guild = await makeGuild(t.api, owner);
    const channel = await t.api.post(`/api/v1/guilds/${guild.id}/channels`, { name: "gone" }, { token: owner.token });
    const unsent = await uploadOk(t, owner, guild.generalId, randomBytes(50));
    const sent = await uploadOk(t, owner, channel.body.id, randomBytes(60));
    await sendMessage(t.api, owner, channel.body.id, "", { attachment_ids: [sent.id] });
    const unsentFile = await blobFile(t, unsent.id);
    const sentFile = await blobFile(t, sent.id);
    await t.server.database.db
      .updateTable("attachments")
      .set({ created_at: Date.now() - 61 * 60 * 1000 })
      .where("id", "=", unsent.id)
      .execute();
    assert.equal((await t.api.delete(`/api/v1/channels/${channel.body.id}`, { token: owner.token })).status, 200);

    await t.server.services.messagingSweeper.sweep();
    assert.equal(existsSync(unsentFile), false);
    assert.equal(existsSync(sentFile), false);
    const left = await t.server.database.db.selectFrom("attachments").select("id").execute();
    assert.deepEqual(left, []);
  });
});
