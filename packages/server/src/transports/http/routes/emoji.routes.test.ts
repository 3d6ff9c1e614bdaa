import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULT_EVERYONE_PERMISSIONS, MAX_STATIC_EMOJIS, Permissions } from "@nexus/protocol";
import sharp from "sharp";
import { joinGuild, makeGuild, makeMember, makeRole, makeUser } from "../../../test-support/factories.js";
import { GatewayClient } from "../../../test-support/gateway-client.js";
import { sendMessage } from "../../../test-support/message-factories.js";
import { startTestServer, type TestServer } from "../../../test-support/test-server.js";

const dataUri = (mime: string, bytes: Buffer) => `data:${mime};base64,${bytes.toString("base64")}`;

async function stillPng(width = 300, height = 200): Promise<string> {
  const png = await sharp({ create: { width, height, channels: 4, background: "orange" } })
    .png()
    .toBuffer();
  return dataUri("image/png", png);
}

async function animatedGif(): Promise<string> {
  const frames = await Promise.all(
    ["red", "green", "blue"].map((background) =>
      sharp({ create: { width: 200, height: 200, channels: 3, background } })
        .png()
        .toBuffer(),
    ),
  );
  const gif = await sharp(frames, { join: { animated: true } })
    .gif({ delay: 100, loop: 0 })
    .toBuffer();
  return dataUri("image/gif", gif);
}

async function fetchImage(t: TestServer, path: string) {
  const res = await fetch(`${t.baseUrl}${path}`);
  return { res, bytes: Buffer.from(await res.arrayBuffer()) };
}

describe("custom emoji", () => {
  it("upload, list, rename and delete, with MANAGE_EMOJIS, audit entries, GUILD_EMOJIS_UPDATE and READY", async () => {
    await using t = await startTestServer();
    const owner = await makeUser(t.api);
    const guild = await makeGuild(t.api, owner);
    const member = await makeMember(t, guild.id);
    const base = `/api/v1/guilds/${guild.id}/emojis`;
    const gateway = await GatewayClient.connect(t.baseUrl);
    await gateway.identify(member.token);

    const refused = await t.api.post(base, { name: "party", image: await stillPng() }, { token: member.token });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error.permission, "MANAGE_EMOJIS");

    const created = await t.api.post(base, { name: "party", image: await stillPng() }, { token: owner.token });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.name, "party");
    assert.equal(created.body.animated, false);
    assert.equal(created.body.creator_id, owner.id);
    const update = await gateway.dispatch("GUILD_EMOJIS_UPDATE");
    assert.equal(update.guild_id, guild.id);
    assert.deepEqual(
      update.emojis.map((e: any) => e.name),
      ["party"],
    );

    // Resized to fit 128 px, served publicly as PNG and WebP, not as GIF (it does not move).
    const png = await fetchImage(t, `/media/emojis/${created.body.id}.png`);
    assert.equal(png.res.status, 200);
    assert.equal(png.res.headers.get("content-type"), "image/png");
    assert.match(png.res.headers.get("cache-control") ?? "", /public/);
    assert.equal(png.res.headers.get("x-content-type-options"), "nosniff");
    const meta = await sharp(png.bytes).metadata();
    assert.deepEqual([meta.format, meta.width, meta.height], ["png", 128, 85]);
    const again = await fetch(`${t.baseUrl}/media/emojis/${created.body.id}.png`, {
      headers: { "if-none-match": png.res.headers.get("etag") ?? "" },
    });
    assert.equal(again.status, 304);
    assert.equal((await fetchImage(t, `/media/emojis/${created.body.id}.webp`)).res.status, 200);
    assert.equal((await fetchImage(t, `/media/emojis/${created.body.id}.gif`)).res.status, 404);
    assert.equal((await fetchImage(t, "/media/emojis/123.png")).res.status, 404);
    assert.equal((await fetchImage(t, "/media/emojis/9999999999999999999.png")).res.status, 404);
    assert.equal((await fetchImage(t, "/media/emojis/party.png")).res.status, 400);

    const animated = await t.api.post(base, { name: "spin", image: await animatedGif() }, { token: owner.token });
    assert.equal(animated.status, 201, JSON.stringify(animated.body));
    assert.equal(animated.body.animated, true);
    const gif = await fetchImage(t, `/media/emojis/${animated.body.id}.gif`);
    assert.equal(gif.res.status, 200);
    const gifMeta = await sharp(gif.bytes, { animated: true }).metadata();
    assert.equal(gifMeta.format, "gif");
    assert.equal(gifMeta.pages, 3, "still animated");
    assert.equal(gifMeta.width, 128);
    const webpMeta = await sharp((await fetchImage(t, `/media/emojis/${animated.body.id}.webp`)).bytes, {
      animated: true,
    }).metadata();
    assert.equal(webpMeta.pages, 3);

    const list = await t.api.get(base, { token: member.token });
    assert.deepEqual(
      list.body.map((e: any) => [e.name, e.animated]),
      [
        ["party", false],
        ["spin", true],
      ],
    );
    const ready = await (await GatewayClient.connect(t.baseUrl)).identify(member.token);
    const readyGuild = (ready as any).guilds.find((g: any) => g.id === guild.id);
    assert.deepEqual(
      readyGuild.emojis.map((e: any) => e.name),
      ["party", "spin"],
    );
    assert.deepEqual(
      (await t.api.get(`/api/v1/guilds/${guild.id}`, { token: member.token })).body.emojis.map((e: any) => e.id),
      [created.body.id, animated.body.id],
    );

    const renamed = await t.api.patch(`${base}/${created.body.id}`, { name: "party_time" }, { token: owner.token });
    assert.equal(renamed.status, 200);
    assert.equal(renamed.body.name, "party_time");
    const clash = await t.api.patch(`${base}/${created.body.id}`, { name: "SPIN" }, { token: owner.token });
    assert.equal(clash.status, 400);
    assert.ok(clash.body.error.fields.name);

    assert.equal((await t.api.delete(`${base}/${animated.body.id}`, { token: member.token })).status, 403);
    assert.equal((await t.api.delete(`${base}/${animated.body.id}`, { token: owner.token })).status, 204);
    assert.equal((await t.api.get(`${base}/${animated.body.id}`, { token: owner.token })).status, 404);
    assert.equal((await t.api.delete(`${base}/${animated.body.id}`, { token: owner.token })).status, 404);
    assert.deepEqual(
      (await t.api.get(base, { token: owner.token })).body.map((e: any) => e.name),
      ["party_time"],
    );

    const audit = await t.api.get(`/api/v1/guilds/${guild.id}/audit-logs`, { token: owner.token });
    const actions = audit.body
      .filter((e: any) => e.action.startsWith("emoji_"))
      .map((e: any) => [e.action, e.target_id]);
    assert.deepEqual(actions, [
      ["emoji_delete", animated.body.id],
      ["emoji_update", created.body.id],
      ["emoji_create", animated.body.id],
      ["emoji_create", created.body.id],
    ]);
    await gateway.close();
  });

  it("validates names and images, and only lists a guild's emoji to its members", async () => {
    await using t = await startTestServer();
    const owner = await makeUser(t.api);
    const outsider = await makeUser(t.api);
    const guild = await makeGuild(t.api, owner);
    const base = `/api/v1/guilds/${guild.id}/emojis`;
    const image = await stillPng(16, 16);
    for (const name of ["a", "has-dash", "x".repeat(33), "ünï"]) {
      const res = await t.api.post(base, { name, image }, { token: owner.token });
      assert.equal(res.status, 400, name);
      assert.ok(res.body.error.fields?.name, name);
    }
    const text = dataUri("image/png", Buffer.from("<svg onload=alert(1)></svg>"));
    const notImage = await t.api.post(base, { name: "fake", image: text }, { token: owner.token });
    assert.equal(notImage.status, 400);
    assert.ok(notImage.body.error.fields.image);
    const svg = dataUri("image/svg+xml", Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'));
    assert.equal((await t.api.post(base, { name: "svg", image: svg }, { token: owner.token })).status, 400);
    const huge = await sharp({ create: { width: 1000, height: 1000, channels: 4, background: "red" } })
      .raw()
      .toBuffer();
    const big = await sharp(huge, { raw: { width: 1000, height: 1000, channels: 4 } })
      .png({ compressionLevel: 0 })
      .toBuffer();
    assert.ok(big.length > 256 * 1024);
    const tooBig = await t.api.post(base, { name: "big", image: dataUri("image/png", big) }, { token: owner.token });
    assert.ok([400, 413].includes(tooBig.status), `got ${tooBig.status}`);

    const small = await t.api.post(base, { name: "tiny", image }, { token: owner.token });
    assert.equal(small.status, 201);
    const tinyMeta = await sharp((await fetchImage(t, `/media/emojis/${small.body.id}.png`)).bytes).metadata();
    assert.deepEqual([tinyMeta.width, tinyMeta.height], [16, 16], "small images are not enlarged");
    const dup = await t.api.post(base, { name: "TINY", image }, { token: owner.token });
    assert.equal(dup.status, 400);
    assert.equal((await t.api.get(base, { token: outsider.token })).status, 404);
    assert.equal((await t.api.get(`${base}/${small.body.id}`, { token: outsider.token })).status, 404);
  });

  it("allows 100 static and 100 animated emoji per guild, then answers 400 MAX_EMOJIS_REACHED", async () => {
    await using t = await startTestServer();
    const owner = await makeUser(t.api);
    const guild = await makeGuild(t.api, owner);
    const base = `/api/v1/guilds/${guild.id}/emojis`;
    const first = await t.api.post(base, { name: "e0", image: await stillPng(8, 8) }, { token: owner.token });
    assert.equal(first.status, 201);
    // Fill the rest directly: re-encoding 99 images through the API only costs time here.
    const row = await t.server.database.db
      .selectFrom("custom_emojis")
      .selectAll()
      .where("id", "=", first.body.id)
      .executeTakeFirstOrThrow();
    const now = Date.now();
    const rows = Array.from({ length: MAX_STATIC_EMOJIS - 1 }, (_, i) => ({
      ...row,
      id: String(BigInt(row.id) + BigInt(i + 1)),
      name: `e${i + 1}`,
      created_at: now,
    }));
    await t.server.database.db.insertInto("custom_emojis").values(rows).execute();

    const full = await t.api.post(base, { name: "one_more", image: await stillPng(8, 8) }, { token: owner.token });
    assert.equal(full.status, 400);
    assert.equal(full.body.error.code, "MAX_EMOJIS_REACHED");
    assert.match(full.body.error.message, /100 static/);
    const moving = await t.api.post(base, { name: "moving", image: await animatedGif() }, { token: owner.token });
    assert.equal(moving.status, 201, "animated emoji have their own 100");
    assert.equal((await t.api.delete(`${base}/${first.body.id}`, { token: owner.token })).status, 204);
    const room = await t.api.post(base, { name: "one_more", image: await stillPng(8, 8) }, { token: owner.token });
    assert.equal(room.status, 201, "a deleted emoji frees its slot");
  });
});

describe("reactions with custom emoji", () => {
  it("react with name:id; reactions and events carry {id, name, animated}; deleted emoji keep their reactions", async () => {
    await using t = await startTestServer();
    const owner = await makeUser(t.api);
    const guild = await makeGuild(t.api, owner);
    const member = await makeMember(t, guild.id);
    const emoji = (
      await t.api.post(
        `/api/v1/guilds/${guild.id}/emojis`,
        { name: "blob", image: await stillPng() },
        {
          token: owner.token,
        },
      )
    ).body;
    const gateway = await GatewayClient.connect(t.baseUrl);
    await gateway.identify(owner.token);
    const m = await sendMessage(t.api, owner, guild.generalId, `look <:blob:${emoji.id}>`);
    const base = `/api/v1/channels/${guild.generalId}/messages/${m.id}/reactions`;
    const key = encodeURIComponent(`blob:${emoji.id}`);

    assert.equal((await t.api.put(`${base}/${key}/@me`, {}, { token: member.token })).status, 204);
    const added = (await gateway.next((f) => f.t === "MESSAGE_REACTION_ADD")).d;
    assert.deepEqual(added.emoji, { id: emoji.id, name: "blob", animated: false });
    // Any spelling of the same emoji is the same reaction.
    const spelled = encodeURIComponent(`<:whatever:${emoji.id}>`);
    assert.equal((await t.api.put(`${base}/${spelled}/@me`, {}, { token: owner.token })).status, 204);
    const message = (await t.api.get(`/api/v1/channels/${guild.generalId}/messages/${m.id}`, { token: owner.token }))
      .body;
    assert.deepEqual(message.reactions, [
      { emoji: { id: emoji.id, name: "blob", animated: false }, count: 2, me: true },
    ]);
    const who = await t.api.get(`${base}/${key}`, { token: owner.token });
    assert.deepEqual(who.body.map((u: any) => u.id).sort(), [owner.id, member.id].sort());

    const unknown = await t.api.put(`${base}/${encodeURIComponent("nope:123456")}/@me`, {}, { token: owner.token });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.error.code, "UNKNOWN_EMOJI");

    // Deleting the emoji keeps its reactions (as on Discord), under its last name; it cannot be added any more.
    assert.equal(
      (await t.api.delete(`/api/v1/guilds/${guild.id}/emojis/${emoji.id}`, { token: owner.token })).status,
      204,
    );
    const after = (await t.api.get(`/api/v1/channels/${guild.generalId}/messages/${m.id}`, { token: owner.token }))
      .body;
    assert.deepEqual(after.reactions[0].emoji, { id: emoji.id, name: "blob", animated: false });
    assert.equal((await fetchImage(t, `/media/emojis/${emoji.id}.png`)).res.status, 200, "old reactions still render");
    const late = await makeMember(t, guild.id);
    assert.equal((await t.api.put(`${base}/${key}/@me`, {}, { token: late.token })).status, 400);
    assert.equal((await t.api.delete(`${base}/${key}/@me`, { token: member.token })).status, 204);
    const removed = (await gateway.next((f) => f.t === "MESSAGE_REACTION_REMOVE")).d;
    assert.deepEqual(removed.emoji, { id: emoji.id, name: "blob", animated: false });
    await gateway.close();
  });

  it("another guild's emoji needs membership there and USE_EXTERNAL_EMOJI here", async () => {
    await using t = await startTestServer();
    const owner = await makeUser(t.api);
    const home = await makeGuild(t.api, owner, "Home");
    const elsewhere = await makeGuild(t.api, owner, "Elsewhere");
    const traveller = await makeMember(t, home.id);
    await joinGuild(t, elsewhere.id, traveller);
    const stranger = await makeMember(t, home.id);
    const foreign = (
      await t.api.post(
        `/api/v1/guilds/${elsewhere.id}/emojis`,
        { name: "far", image: await stillPng() },
        {
          token: owner.token,
        },
      )
    ).body;
    const m = await sendMessage(t.api, owner, home.generalId, "react here");
    const url = `/api/v1/channels/${home.generalId}/messages/${m.id}/reactions/${encodeURIComponent(`far:${foreign.id}`)}/@me`;

    assert.equal((await t.api.put(url, {}, { token: traveller.token })).status, 204, "member of both, default perms");
    const notThere = await t.api.put(url, {}, { token: stranger.token });
    assert.equal(notThere.status, 400, "a guild you are not in does not lend you its emoji");
    assert.equal(notThere.body.error.code, "UNKNOWN_EMOJI");

    const withoutExternal = DEFAULT_EVERYONE_PERMISSIONS & ~Permissions.USE_EXTERNAL_EMOJI;
    const res = await t.api.patch(
      `/api/v1/guilds/${home.id}/roles/${home.id}`,
      { permissions: withoutExternal.toString() },
      { token: owner.token },
    );
    assert.equal(res.status, 200);
    assert.equal((await t.api.delete(url, { token: traveller.token })).status, 204);
    const denied = await t.api.put(url, {}, { token: traveller.token });
    assert.equal(denied.status, 403);
    assert.equal(denied.body.error.permission, "USE_EXTERNAL_EMOJI");
    // The home guild's own emoji need no such permission.
    const local = (
      await t.api.post(
        `/api/v1/guilds/${home.id}/emojis`,
        { name: "near", image: await stillPng() },
        {
          token: owner.token,
        },
      )
    ).body;
    const localUrl = `/api/v1/channels/${home.generalId}/messages/${m.id}/reactions/near:${local.id}/@me`;
    assert.equal((await t.api.put(localUrl, {}, { token: traveller.token })).status, 204);
    const role = await makeRole(t.api, owner, home.id, { permissions: Permissions.USE_EXTERNAL_EMOJI.toString() });
    await t.api.put(`/api/v1/guilds/${home.id}/members/${traveller.id}/roles/${role.id}`, {}, { token: owner.token });
    assert.equal((await t.api.put(url, {}, { token: traveller.token })).status, 204, "granted back by a role");
  });
});
