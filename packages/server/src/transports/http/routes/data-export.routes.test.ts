import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { test } from "node:test";
import { promisify } from "node:util";
import yauzl from "yauzl";
import { makeGuild, makeMember, makeUser } from "../../../test-support/factories.js";
import { befriend, openDm, sendMessage } from "../../../test-support/message-factories.js";
import { solidPng } from "../../../test-support/test-images.js";
import { startTestServer, type TestServer } from "../../../test-support/test-server.js";
import { download, sendForm, uploadOk } from "../../../test-support/upload-factories.js";

/** Every entry of a zip archive, by path (read with a separate zip library from the one that wrote it). */
async function unzip(bytes: Buffer): Promise<Map<string, Buffer>> {
  const zip = await promisify<Buffer, yauzl.Options, yauzl.ZipFile>(yauzl.fromBuffer)(bytes, { lazyEntries: true });
  const entries = new Map<string, Buffer>();
  const openEntry = promisify(zip.openReadStream.bind(zip));
  await new Promise<void>((resolve, reject) => {
    zip.on("error", reject);
    zip.on("end", resolve);
    zip.on("entry", (entry: yauzl.Entry) => {
      openEntry(entry)
        .then(async (stream) => {
          const parts: Buffer[] = [];
          for await (const chunk of stream) parts.push(chunk as Buffer);
          entries.set(entry.fileName, Buffer.concat(parts));
          zip.readEntry();
        })
        .catch(reject);
    });
    zip.readEntry();
  });
  return entries;
}

async function downloadExport(t: TestServer, url: string, token: string) {
  const response = await download(t, url, { token });
  assert.equal(response.status, 200);
  assert.equal(response.headers.get("content-type"), "application/zip");
  assert.match(response.headers.get("content-disposition") ?? "", /^attachment; filename="nexus-export-\d+\.zip"$/);
  const entries = await unzip(response.bytes);
  const document = JSON.parse(entries.get("nexus-export.json")?.toString("utf8") ?? "null");
  return { entries, document };
}

test("export: account, messages, memberships and DMs, downloadable only by its owner", async () => {
  await using t = await startTestServer();
  const owner = await makeUser(t.api);
  const guild = await makeGuild(t.api, owner, "Exported Guild");
  const member = await makeMember(t, guild.id);
  await befriend(t.api, owner, member);
  const dm = await openDm(t.api, owner, member);
  const inGuild = await sendMessage(t.api, owner, guild.generalId, "guild words");
  const inDm = await sendMessage(t.api, owner, dm.id, "private words");
  await sendMessage(t.api, member, dm.id, "not mine");
  const ticket = await t.api.post("/api/v1/users/@me/export", {}, { token: owner.token });
  assert.equal(ticket.status, 201);
  const { document: archive } = await downloadExport(t, ticket.body.url, owner.token);
  assert.equal(archive.format, "nexus-export-v1");
  assert.equal(archive.account.id, owner.id);
  assert.equal(archive.account.username, owner.username);
  assert.deepEqual(
    archive.messages.map((m: any) => [m.id, m.content]).sort(),
    [
      [inGuild.id, "guild words"],
      [inDm.id, "private words"],
    ].sort(),
  );
  assert.deepEqual(
    archive.guilds.map((g: any) => [g.id, g.name]),
    [[guild.id, "Exported Guild"]],
  );
  assert.deepEqual(
    archive.dm_channels.map((c: any) => c.id),
    [dm.id],
  );
  assert.deepEqual(
    archive.relationships.map((r: any) => [r.id, r.type]),
    [[member.id, "friend"]],
  );
  assert.equal((await t.api.get(ticket.body.url, { token: member.token })).status, 404);
  assert.equal((await t.api.get(ticket.body.url)).status, 401);
});

test("export: the zip holds the owner's own attachments and avatar byte for byte, and nobody else's files", async () => {
  await using t = await startTestServer();
  const owner = await makeUser(t.api);
  const guild = await makeGuild(t.api, owner);
  const member = await makeMember(t, guild.id);
  const data = randomBytes(3 * 1024 * 1024 + 17);
  const binary = await uploadOk(t, owner, guild.generalId, data, { filename: "../../notes:v2.bin" });
  const photo = await uploadOk(t, owner, guild.generalId, await solidPng(320, 200), { filename: "photo.png" });
  const mine = await sendMessage(t.api, owner, guild.generalId, "my files", {
    attachment_ids: [binary.id, photo.id],
  });
  const theirs = await uploadOk(t, member, guild.generalId, randomBytes(1000), { filename: "theirs.bin" });
  await sendMessage(t.api, member, guild.generalId, "not mine", { attachment_ids: [theirs.id] });
  const avatar = await sendForm(t, owner, "PUT", "/api/v1/users/@me/avatar", await solidPng(600, 600, "teal"));
  assert.equal(avatar.status, 200);

  const ticket = await t.api.post("/api/v1/users/@me/export", {}, { token: owner.token });
  const { entries, document } = await downloadExport(t, ticket.body.url, owner.token);
  const avatarPath = `files/avatar-${avatar.body.avatar}.webp`;
  assert.deepEqual(
    [...entries.keys()].sort(),
    [
      "nexus-export.json",
      avatarPath,
      `files/attachments/${binary.id}-notes_v2.bin`,
      `files/attachments/${photo.id}-photo.png`,
    ].sort(),
  );
  assert.deepEqual(document.files.map((f: any) => f.path).sort(), [...entries.keys()].slice(1).sort());
  assert.equal(document.files.find((f: any) => f.id === photo.id).message_id, mine.id);
  assert.ok(entries.get(`files/attachments/${binary.id}-notes_v2.bin`)?.equals(data), "uploaded bytes match");
  // Images are stored re-encoded (metadata removed): the export holds what the server serves.
  const served = await download(t, mine.attachments[1].url, { token: owner.token });
  assert.ok(entries.get(`files/attachments/${photo.id}-photo.png`)?.equals(served.bytes));
  const avatarServed = await download(t, `/media/avatars/${owner.id}/${avatar.body.avatar}?size=512`);
  assert.ok(entries.get(avatarPath)?.equals(avatarServed.bytes));
  assert.equal(
    [...entries.keys()].some((path) => path.includes(theirs.id)),
    false,
  );

  // A file deleted after the export was made is left out; the rest still downloads.
  const gone = await t.api.request("DELETE", `/api/v1/channels/${guild.generalId}/messages/${mine.id}`, {
    token: owner.token,
  });
  assert.equal(gone.status, 204);
  await t.server.services.messagingSweeper.sweep();
  const later = await downloadExport(t, ticket.body.url, owner.token);
  assert.deepEqual([...later.entries.keys()].sort(), ["nexus-export.json", avatarPath].sort());
  assert.equal((await download(t, ticket.body.url, { token: member.token })).status, 404);
});

test("account deletion can delete every message the user wrote", async () => {
  await using t = await startTestServer();
  const owner = await makeUser(t.api);
  const guild = await makeGuild(t.api, owner);
  const leaving = await makeMember(t, guild.id);
  const staying = await makeMember(t, guild.id);
  await sendMessage(t.api, leaving, guild.generalId, "bye 1");
  await sendMessage(t.api, leaving, guild.generalId, "bye 2");
  const kept = await sendMessage(t.api, staying, guild.generalId, "still here");
  const wrong = await t.api.request("DELETE", "/api/v1/users/@me", {
    token: leaving.token,
    body: { password: "wrong-password", delete_messages: true },
  });
  assert.notEqual(wrong.status, 204);
  assert.equal(
    (await t.api.get(`/api/v1/channels/${guild.generalId}/messages`, { token: owner.token })).body.length,
    3,
  );
  const gone = await t.api.request("DELETE", "/api/v1/users/@me", {
    token: leaving.token,
    body: { password: leaving.password, delete_messages: true },
  });
  assert.equal(gone.status, 204);
  const left = await t.api.get(`/api/v1/channels/${guild.generalId}/messages`, { token: owner.token });
  assert.deepEqual(
    left.body.map((m: any) => m.id),
    [kept.id],
  );
  const search = await t.api.get(`/api/v1/guilds/${guild.id}/messages/search?content=bye`, { token: owner.token });
  assert.equal(search.body.total_results, 0);
});
