import assert from "node:assert/strict";
import { test } from "node:test";
import { makeGuild, makeMember, makeUser } from "../../../test-support/factories.js";
import { befriend, openDm, sendMessage } from "../../../test-support/message-factories.js";
import { SEARCH_ENGINES, startSearchTestServer } from "../../../test-support/search-test-server.js";

const VIEW_CHANNEL = (1n << 10n).toString();

// Every test runs on the built-in engine of the pass's backend and on Meilisearch (the stand-in), unchanged.
for (const engine of SEARCH_ENGINES) {
  test(`${engine} search: only channels the searcher can read now; filters; edits and deletes reach the index`, async () => {
    await using t = await startSearchTestServer(engine);
    const owner = await makeUser(t.api);
    const guild = await makeGuild(t.api, owner);
    const member = await makeMember(t, guild.id);
    const secret = await t.api.post(
      `/api/v1/guilds/${guild.id}/channels`,
      { name: "secret", permission_overwrites: [{ id: guild.id, type: "role", allow: "0", deny: VIEW_CHANNEL }] },
      { token: owner.token },
    );
    assert.equal(secret.status, 201);
    const general = guild.generalId;
    const pie = await sendMessage(t.api, owner, general, "apple pie recipe https://example.com/pie");
    const green = await sendMessage(t.api, member, general, `green apple for <@${owner.id}>`);
    const banana = await sendMessage(t.api, member, general, "banana bread");
    const hidden = await sendMessage(t.api, owner, secret.body.id, "apple secret plans");
    const search = async (user: typeof owner, query: string) => {
      await t.indexed();
      const res = await t.api.get(`/api/v1/guilds/${guild.id}/messages/search?${query}`, { token: user.token });
      assert.equal(res.status, 200, `${query}: ${JSON.stringify(res.body)}`);
      return { total: res.body.total_results, ids: res.body.messages.map((m: any) => m.id) as string[] };
    };
    const apple = await search(member, "content=apple");
    assert.equal(apple.total, 2);
    assert.deepEqual(apple.ids.sort(), [pie.id, green.id].sort());
    assert.equal((await search(owner, "content=apple")).total, 3);
    assert.deepEqual((await search(member, `content=apple&channel_id=${secret.body.id}`)).ids, []);
    assert.deepEqual((await search(member, `author_id=${member.id}`)).ids, [banana.id, green.id]);
    assert.deepEqual((await search(member, `mentions=${owner.id}`)).ids, [green.id]);
    assert.deepEqual((await search(member, "has=link")).ids, [pie.id]);
    assert.deepEqual((await search(member, `content=apple&before=${green.id}`)).ids, [pie.id]);
    assert.deepEqual((await search(member, `after=${green.id}`)).ids, [banana.id]);
    assert.deepEqual((await search(member, `content=${encodeURIComponent('"pie apple"')}`)).ids, []);
    assert.deepEqual((await search(member, `content=${encodeURIComponent('"apple pie"')}`)).ids, [pie.id]);
    const paged = await search(member, "limit=1&offset=1");
    assert.deepEqual([paged.total, paged.ids], [3, [green.id]]);

    await t.api.put(`/api/v1/channels/${general}/pins/${banana.id}`, {}, { token: owner.token });
    assert.deepEqual((await search(member, "pinned=true")).ids, [banana.id]);
    assert.deepEqual((await search(member, "pinned=false")).ids, [green.id, pie.id]);
    await t.api.patch(
      `/api/v1/channels/${general}/messages/${banana.id}`,
      { content: "cherry cake" },
      { token: member.token },
    );
    assert.deepEqual((await search(member, "content=banana")).ids, []);
    assert.deepEqual((await search(member, "content=cherry")).ids, [banana.id]);
    await t.api.delete(`/api/v1/channels/${general}/messages/${green.id}`, { token: member.token });
    assert.deepEqual((await search(member, "content=apple")).ids, [pie.id]);

    // Losing access takes effect at once; gaining it too.
    await t.api.put(
      `/api/v1/channels/${general}/permissions/${member.id}`,
      { type: "member", deny: VIEW_CHANNEL },
      { token: owner.token },
    );
    assert.deepEqual((await search(member, "content=apple")).ids, []);
    await t.api.put(
      `/api/v1/channels/${secret.body.id}/permissions/${member.id}`,
      { type: "member", allow: VIEW_CHANNEL },
      { token: owner.token },
    );
    assert.deepEqual((await search(member, "content=apple")).ids, [hidden.id]);

    const outsider = await makeUser(t.api);
    assert.equal(
      (await t.api.get(`/api/v1/guilds/${guild.id}/messages/search?content=apple`, { token: outsider.token })).status,
      404,
    );
    assert.equal(
      (await t.api.get(`/api/v1/guilds/${guild.id}/messages/search?limit=26`, { token: owner.token })).status,
      400,
    );
  });

  test(`${engine} search: relevance first, recency breaks ties`, async () => {
    await using t = await startSearchTestServer(engine);
    const owner = await makeUser(t.api);
    const guild = await makeGuild(t.api, owner);
    const ch = guild.generalId;
    const strong = await sendMessage(t.api, owner, ch, "kiwi kiwi kiwi");
    const weak = await sendMessage(t.api, owner, ch, "a long message that mentions kiwi once among many other words");
    const tieOld = await sendMessage(t.api, owner, ch, "kiwi salad");
    const tieNew = await sendMessage(t.api, owner, ch, "kiwi salad");
    await t.indexed();
    const res = await t.api.get(`/api/v1/guilds/${guild.id}/messages/search?content=kiwi`, { token: owner.token });
    const ids = res.body.messages.map((m: any) => m.id);
    assert.equal(ids[0], strong.id);
    assert.equal(ids.at(-1), weak.id);
    assert.ok(ids.indexOf(tieNew.id) < ids.indexOf(tieOld.id));
  });

  test(`${engine} search in DMs covers only your own DM channels`, async () => {
    await using t = await startSearchTestServer(engine);
    const alice = await makeUser(t.api);
    const bob = await makeUser(t.api);
    const carol = await makeUser(t.api);
    await befriend(t.api, alice, bob);
    await befriend(t.api, bob, carol);
    const ab = (await openDm(t.api, alice, bob)).id;
    const bc = (await openDm(t.api, bob, carol)).id;
    const mine = await sendMessage(t.api, alice, ab, "the password is swordfish");
    await sendMessage(t.api, carol, bc, "swordfish for dinner");
    await t.indexed();
    const res = await t.api.get("/api/v1/users/@me/messages/search?content=swordfish", { token: alice.token });
    assert.deepEqual(
      res.body.messages.map((m: any) => m.id),
      [mine.id],
    );
    const bobs = await t.api.get("/api/v1/users/@me/messages/search?content=swordfish", { token: bob.token });
    assert.equal(bobs.body.total_results, 2);
  });
}
