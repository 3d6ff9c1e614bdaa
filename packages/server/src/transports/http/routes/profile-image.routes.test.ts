import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import sharp from "sharp";
import { guildTopic, userTopic } from "../../../events/domain-events.js";
import { recordEvents } from "../../../test-support/event-recorder.js";
import { makeGuild, makeMember, makeUser } from "../../../test-support/factories.js";
import { sendMessage } from "../../../test-support/message-factories.js";
import { animatedGif, photoWithGps, solidPng } from "../../../test-support/test-images.js";
import { startTestServer } from "../../../test-support/test-server.js";
import { download, sendForm, uploadOk } from "../../../test-support/upload-factories.js";

describe("avatars", () => {
  it("stores standard sizes without metadata, serves them publicly, and announces USER_UPDATE", async () => {
    await using t = await startTestServer();
    const user = await makeUser(t.api);
    const recorder = await recordEvents(t.server.bus, userTopic(user.id));
    const res = await sendForm(t, user, "PUT", "/api/v1/users/@me/avatar", await photoWithGps(), {
      filename: "me.jpg",
    });
    assert.equal(res.status, 200);
    const hash = res.body.avatar;
    assert.match(hash, /^[0-9a-f]{32}$/);
    const [event] = await recorder.waitFor(1);
    assert.equal(event?.type, "USER_UPDATE");
    assert.equal(event?.data.avatar, hash);
    assert.equal((await t.api.get(`/api/v1/users/${user.id}`, { token: user.token })).body.avatar, hash);

    for (const size of [128, 512]) {
      const image = await download(t, `/media/avatars/${user.id}/${hash}?size=${size}`);
      assert.equal(image.status, 200, "no credentials needed");
      assert.equal(image.headers.get("content-type"), "image/webp");
      assert.match(image.headers.get("cache-control") ?? "", /^public, .*immutable/);
      const meta = await sharp(image.bytes).metadata();
      assert.deepEqual([meta.width, meta.height, meta.exif], [size, size, undefined]);
      assert.equal(image.bytes.includes("NexusCam"), false);
    }
    assert.equal((await download(t, `/media/avatars/${user.id}/${hash}?size=100`)).status, 400);
    assert.equal((await download(t, `/media/avatars/${user.id}/${"0".repeat(32)}`)).status, 404);
  });

  it("keeps animated avatars animated, replaces the old one, and removes it", async () => {
    await using t = await startTestServer();
    const user = await makeUser(t.api);
    const first = await sendForm(t, user, "PUT", "/api/v1/users/@me/avatar", await solidPng(300, 200));
    const oldUrl = `/media/avatars/${user.id}/${first.body.avatar}?size=128`;
    assert.equal((await download(t, oldUrl)).status, 200);

    const animated = await sendForm(t, user, "PUT", "/api/v1/users/@me/avatar", await animatedGif());
    assert.equal(animated.status, 200);
    assert.match(animated.body.avatar, /^a_[0-9a-f]{32}$/);
    const image = await download(t, `/media/avatars/${user.id}/${animated.body.avatar}?size=128`);
    assert.equal((await sharp(image.bytes, { animated: true }).metadata()).pages, 3);
    assert.equal((await download(t, oldUrl)).status, 404, "the previous avatar is gone");
    const refs = await t.server.database.db.selectFrom("blob_refs").select("blob_key").execute();
    assert.equal(refs.length, 2, "only the current avatar's two sizes are referenced");

    const removed = await t.api.delete("/api/v1/users/@me/avatar", { token: user.token });
    assert.equal(removed.status, 200);
    assert.equal(removed.body.avatar, null);
    assert.equal((await download(t, `/media/avatars/${user.id}/${animated.body.avatar}?size=128`)).status, 404);
  });

  it("refuses files that are not images", async () => {
    await using t = await startTestServer();
    const user = await makeUser(t.api);
    const pdf = Buffer.from("%PDF-1.4\n%%EOF\n");
    const res = await sendForm(t, user, "PUT", "/api/v1/users/@me/avatar", pdf, { type: "image/png" });
    assert.equal(res.status, 400);
    assert.ok(res.body.error.fields.file);
  });
});

describe("guild icons and banners", () => {
  it("MANAGE_GUILD sets them; GUILD_UPDATE carries the hash", async () => {
    await using t = await startTestServer();
    const owner = await makeUser(t.api);
    const guild = await makeGuild(t.api, owner);
    const member = await makeMember(t, guild.id);
    const png = await solidPng(1200, 800);
    const denied = await sendForm(t, member, "PUT", `/api/v1/guilds/${guild.id}/icon`, png);
    assert.equal(denied.status, 403);

    const recorder = await recordEvents(t.server.bus, guildTopic(guild.id));
    const icon = await sendForm(t, owner, "PUT", `/api/v1/guilds/${guild.id}/icon`, png);
    assert.equal(icon.status, 200);
    assert.match(icon.body.icon, /^[0-9a-f]{32}$/);
    const [event] = await recorder.waitFor(1);
    assert.deepEqual([event?.type, event?.data.icon], ["GUILD_UPDATE", icon.body.icon]);

    const banner = await sendForm(t, owner, "PUT", `/api/v1/guilds/${guild.id}/banner`, png);
    assert.equal(banner.status, 200);
    assert.equal(banner.body.icon, icon.body.icon);
    const wide = await download(t, `/media/banners/${guild.id}/${banner.body.banner}?size=960`);
    assert.deepEqual(
      await sharp(wide.bytes)
        .metadata()
        .then((m) => [m.width, m.height]),
      [960, 540],
    );
    const small = await download(t, `/media/icons/${guild.id}/${icon.body.icon}?size=128`);
    assert.equal((await sharp(small.bytes).metadata()).width, 128);

    const got = await t.api.get(`/api/v1/guilds/${guild.id}`, { token: member.token });
    assert.deepEqual([got.body.icon, got.body.banner], [icon.body.icon, banner.body.banner]);
    const cleared = await t.api.delete(`/api/v1/guilds/${guild.id}/icon`, { token: owner.token });
    assert.deepEqual([cleared.status, cleared.body.icon], [200, null]);
  });

  it("deleting the guild deletes its icon; erasing an account deletes its avatar and sent files", async () => {
    await using t = await startTestServer();
    const owner = await makeUser(t.api);
    const guild = await makeGuild(t.api, owner);
    const member = await makeMember(t, guild.id);
    const icon = await sendForm(t, owner, "PUT", `/api/v1/guilds/${guild.id}/icon`, await solidPng(64, 64, "red"));
    const avatar = await sendForm(t, member, "PUT", "/api/v1/users/@me/avatar", await solidPng(64, 64, "green"));
    const file = await uploadOk(t, member, guild.generalId, Buffer.from("member's file"));
    await sendMessage(t.api, member, guild.generalId, "", { attachment_ids: [file.id] });
    const countBlobs = async () =>
      (await t.server.database.db.selectFrom("blob_refs").select("blob_key").execute()).length;
    assert.equal(await countBlobs(), 5, "two icon sizes, two avatar sizes, one file");

    const erase = await t.api.delete("/api/v1/users/@me", {
      token: member.token,
      body: { password: member.password, delete_messages: true },
    });
    assert.equal(erase.status, 204);
    assert.equal((await download(t, `/media/avatars/${member.id}/${avatar.body.avatar}?size=128`)).status, 404);
    assert.equal(await countBlobs(), 2, "the avatar and the sent file are gone");

    assert.equal((await t.api.delete(`/api/v1/guilds/${guild.id}`, { token: owner.token })).status, 204);
    assert.equal((await download(t, `/media/icons/${guild.id}/${icon.body.icon}`)).status, 404);
    assert.equal(await countBlobs(), 0);
    const { readdir } = await import("node:fs/promises");
    const stored = (await readdir(join(t.dataDir, "files"), { recursive: true })).filter((f) =>
      /[0-9a-f]{64}$/.test(f),
    );
    assert.deepEqual(stored, [], "no file is left on disk");
  });
});
