import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULT_EVERYONE_PERMISSIONS, Permissions } from "@nexus/protocol";
import sharp from "sharp";
import { joinGuild, makeGuild, makeMember, makeUser, type TestUser } from "../../../test-support/factories.js";
import { openDm, sendMessage } from "../../../test-support/message-factories.js";
import { startTestServer, type TestServer } from "../../../test-support/test-server.js";

async function makeEmoji(t: TestServer, owner: TestUser, guildId: string, name: string): Promise<string> {
  const png = await sharp({ create: { width: 32, height: 32, channels: 4, background: "teal" } })
    .png()
    .toBuffer();
  const res = await t.api.post(
    `/api/v1/guilds/${guildId}/emojis`,
    { name, image: `data:image/png;base64,${png.toString("base64")}` },
    { token: owner.token },
  );
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.id;
}

describe("custom emoji in message content", () => {
  it("keeps only emoji the author may use in the channel and writes the others as :name:", async () => {
    await using t = await startTestServer();
    const owner = await makeUser(t.api);
    const home = await makeGuild(t.api, owner, "Home");
    const elsewhere = await makeGuild(t.api, owner, "Elsewhere");
    const traveller = await makeMember(t, home.id);
    await joinGuild(t, elsewhere.id, traveller);
    const stranger = await makeMember(t, home.id);
    const near = await makeEmoji(t, owner, home.id, "near");
    const far = await makeEmoji(t, owner, elsewhere.id, "far");
    const gone = await makeEmoji(t, owner, home.id, "gone");
    assert.equal((await t.api.delete(`/api/v1/guilds/${home.id}/emojis/${gone}`, { token: owner.token })).status, 204);
    const content = `hi <:near:${near}> <a:far:${far}> <:gone:${gone}> <:nope:999999> <:far:${far}>`;

    const kept = await sendMessage(t.api, traveller, home.generalId, content);
    assert.equal(kept.content, `hi <:near:${near}> <a:far:${far}> :gone: :nope: <:far:${far}>`);
    const notMember = await sendMessage(t.api, stranger, home.generalId, content);
    assert.equal(notMember.content, `hi <:near:${near}> :far: :gone: :nope: :far:`);

    const withoutExternal = DEFAULT_EVERYONE_PERMISSIONS & ~Permissions.USE_EXTERNAL_EMOJI;
    const patched = await t.api.patch(
      `/api/v1/guilds/${home.id}/roles/${home.id}`,
      { permissions: withoutExternal.toString() },
      { token: owner.token },
    );
    assert.equal(patched.status, 200);
    const denied = await sendMessage(t.api, traveller, home.generalId, `<:far:${far}> and <:near:${near}>`);
    assert.equal(denied.content, `:far: and <:near:${near}>`);
    const stored = await t.api.get(`/api/v1/channels/${home.generalId}/messages/${denied.id}`, {
      token: traveller.token,
    });
    assert.equal(stored.body.content, `:far: and <:near:${near}>`);

    // Editing applies the same rule to the new content.
    const edited = await t.api.patch(
      `/api/v1/channels/${home.generalId}/messages/${kept.id}`,
      { content: `now <:far:${far}>` },
      { token: traveller.token },
    );
    assert.equal(edited.status, 200);
    assert.equal(edited.body.content, "now :far:");
  });

  it("in DMs keeps the emoji of servers the author is in", async () => {
    await using t = await startTestServer();
    const owner = await makeUser(t.api);
    const guild = await makeGuild(t.api, owner);
    const friend = await makeMember(t, guild.id);
    const other = await makeGuild(t.api, owner, "Other");
    const party = await makeEmoji(t, owner, guild.id, "party");
    const solo = await makeEmoji(t, owner, other.id, "solo");
    const dm = await openDm(t.api, friend, owner);
    const sent = await sendMessage(t.api, friend, dm.id, `<:party:${party}> <:solo:${solo}>`);
    assert.equal(sent.content, `<:party:${party}> :solo:`, "friend is not in Other");
    const back = await sendMessage(t.api, owner, dm.id, `<:party:${party}> <:solo:${solo}>`);
    assert.equal(back.content, `<:party:${party}> <:solo:${solo}>`);
  });
});
