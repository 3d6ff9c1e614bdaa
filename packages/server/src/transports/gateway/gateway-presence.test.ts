import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { joinGuild, makeGuild, makeMember, makeUser } from "../../test-support/factories.js";
import { GatewayClient } from "../../test-support/gateway-client.js";
import { befriend } from "../../test-support/message-factories.js";
import { startTestServer } from "../../test-support/test-server.js";

describe("gateway presence", () => {
  it("syncs a user's own status between their sessions and into READY", async () => {
    await using t = await startTestServer();
    const alice = await makeUser(t.api);
    const desktop = await GatewayClient.connect(t.baseUrl);
    const ready = await desktop.identify(alice.token);
    assert.deepEqual(ready.settings, { status: "online", custom_status: null });
    const phone = await GatewayClient.connect(t.baseUrl);
    await phone.identify(alice.token);

    const custom = { text: "in a meeting", emoji: "📅", expires_at: new Date(Date.now() + 60_000).toISOString() };
    desktop.send("presence_update", { status: "dnd", custom_status: custom });
    for (const gw of [desktop, phone]) {
      assert.deepEqual(await gw.dispatch("USER_SETTINGS_UPDATE"), { status: "dnd", custom_status: custom });
    }
    const laptop = await GatewayClient.connect(t.baseUrl);
    assert.deepEqual((await laptop.identify(alice.token)).settings, { status: "dnd", custom_status: custom });

    desktop.send("presence_update", {
      status: "invisible",
      custom_status: { text: "old", expires_at: "2020-01-01T00:00:00Z" },
    });
    assert.deepEqual(await phone.dispatch("USER_SETTINGS_UPDATE"), { status: "invisible", custom_status: null });
  });

  it("shows guild members online, idle, invisible as offline, and offline after the last session", async () => {
    await using t = await startTestServer();
    const alice = await makeUser(t.api);
    const guild = await makeGuild(t.api, alice);
    const bob = await makeMember(t, guild.id);
    const watcher = await GatewayClient.connect(t.baseUrl);
    await watcher.identify(alice.token);
    const presence = async () => {
      const frame = await watcher.next((f) => f.t === "PRESENCE_UPDATE");
      assert.equal(frame.d.user_id, bob.id);
      assert.equal(frame.d.guild_id, guild.id);
      return [frame.d.status, frame.d.custom_status?.text ?? null];
    };

    const desktop = await GatewayClient.connect(t.baseUrl);
    await desktop.identify(bob.token);
    assert.deepEqual(await presence(), ["online", null]);
    desktop.send("presence_update", { status: "idle", custom_status: { text: "lunch" } });
    assert.deepEqual(await presence(), ["idle", "lunch"]);
    desktop.send("presence_update", { status: "invisible", custom_status: { text: "hidden" } });
    assert.deepEqual(await presence(), ["offline", null]);

    const phone = await GatewayClient.connect(t.baseUrl);
    const phoneReady = await phone.identify(bob.token);
    assert.equal(phoneReady.settings.status, "invisible", "the user still sees their own choice");
    phone.send("presence_update", { status: "dnd" });
    assert.deepEqual(await presence(), ["dnd", null]);
    await desktop.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.deepEqual(
      watcher.drain().filter((f) => f.t === "PRESENCE_UPDATE"),
      [],
      "still online on the phone",
    );
    await phone.close();
    assert.deepEqual(await presence(), ["offline", null]);
  });

  it("a member who joins sees who is online, and the guild sees the joiner's presence", async () => {
    await using t = await startTestServer();
    const alice = await makeUser(t.api);
    const guild = await makeGuild(t.api, alice);
    const bob = await makeUser(t.api);
    const aliceGw = await GatewayClient.connect(t.baseUrl);
    await aliceGw.identify(alice.token);
    aliceGw.send("presence_update", { status: "dnd", custom_status: { text: "focus" } });
    await aliceGw.dispatch("USER_SETTINGS_UPDATE");
    const bobGw = await GatewayClient.connect(t.baseUrl);
    await bobGw.identify(bob.token);

    await joinGuild(t, guild.id, bob);
    const created = await bobGw.next((f) => f.t === "GUILD_CREATE");
    const aliceSeen = await bobGw.next((f) => f.t === "PRESENCE_UPDATE");
    assert.ok((aliceSeen.s ?? 0) > (created.s ?? 0), "after the guild it is about");
    assert.deepEqual(
      [aliceSeen.d.user_id, aliceSeen.d.guild_id, aliceSeen.d.status, aliceSeen.d.custom_status?.text],
      [alice.id, guild.id, "dnd", "focus"],
    );
    await aliceGw.next((f) => f.t === "GUILD_MEMBER_ADD");
    const bobSeen = await aliceGw.next((f) => f.t === "PRESENCE_UPDATE");
    assert.deepEqual([bobSeen.d.user_id, bobSeen.d.guild_id, bobSeen.d.status], [bob.id, guild.id, "online"]);
  });

  it("says nothing of an offline joiner", async () => {
    await using t = await startTestServer();
    const alice = await makeUser(t.api);
    const guild = await makeGuild(t.api, alice);
    const aliceGw = await GatewayClient.connect(t.baseUrl);
    await aliceGw.identify(alice.token);
    const bob = await makeMember(t, guild.id);
    await aliceGw.next((f) => f.t === "GUILD_MEMBER_ADD" && f.d.user.id === bob.id);
    // Join events of one guild are handled in order, so a presence for Bob would arrive before Carol's join.
    const carol = await makeMember(t, guild.id);
    const next = await aliceGw.next((f) => f.t === "GUILD_MEMBER_ADD" || f.t === "PRESENCE_UPDATE");
    assert.equal(next.t, "GUILD_MEMBER_ADD", "no presence for Bob, who never connected");
    assert.equal(next.d.user.id, carol.id);
  });

  it("friends who share no guild see each other's presence until the friendship ends", async () => {
    await using t = await startTestServer();
    const alice = await makeUser(t.api);
    const bob = await makeUser(t.api);
    const aliceGw = await GatewayClient.connect(t.baseUrl);
    await aliceGw.identify(alice.token);
    const bobGw = await GatewayClient.connect(t.baseUrl);
    await bobGw.identify(bob.token);
    const seen = async (gw: GatewayClient) => {
      const frame = await gw.next((f) => f.t === "PRESENCE_UPDATE");
      return [frame.d.user_id, frame.d.status, frame.d.guild_id];
    };

    await befriend(t.api, alice, bob);
    assert.deepEqual(await seen(aliceGw), [bob.id, "online", undefined], "introduced on accepting");
    assert.deepEqual(await seen(bobGw), [alice.id, "online", undefined]);
    bobGw.send("presence_update", { status: "idle" });
    assert.deepEqual(await seen(aliceGw), [bob.id, "idle", undefined]);
    const laptop = await GatewayClient.connect(t.baseUrl);
    const ready = await laptop.identify(alice.token);
    assert.deepEqual(
      ready.presences.map((p: { user_id: string; status: string }) => [p.user_id, p.status]),
      [[bob.id, "idle"]],
    );
    await bobGw.close();
    assert.deepEqual(await seen(aliceGw), [bob.id, "offline", undefined]);

    const bobAgain = await GatewayClient.connect(t.baseUrl);
    await bobAgain.identify(bob.token);
    assert.deepEqual(await seen(aliceGw), [bob.id, "idle", undefined], "his chosen status comes back with him");

    // Ending the friendship: each side sees the other offline at once, as no more updates will come.
    assert.equal((await t.api.delete(`/api/v1/users/@me/relationships/${bob.id}`, { token: alice.token })).status, 204);
    await aliceGw.dispatch("RELATIONSHIP_REMOVE");
    assert.deepEqual(await seen(aliceGw), [bob.id, "offline", undefined], "a former friend looks offline");
    await bobAgain.dispatch("RELATIONSHIP_REMOVE");
    assert.deepEqual(await seen(bobAgain), [alice.id, "offline", undefined]);
    bobAgain.send("presence_update", { status: "dnd" });
    await bobAgain.dispatch("USER_SETTINGS_UPDATE");
    // Alice's events arrive in order, so a presence for Bob would come before this friend request to Carol.
    const carol = await makeUser(t.api);
    await t.api.put(`/api/v1/users/@me/relationships/${carol.id}`, {}, { token: alice.token });
    const next = await aliceGw.next((f) => f.t === "PRESENCE_UPDATE" || f.t === "RELATIONSHIP_ADD");
    assert.equal(next.t, "RELATIONSHIP_ADD", "no presence from a former friend");
  });

  it("ending a friendship between members of one guild leaves their presence alone", async () => {
    await using t = await startTestServer();
    const alice = await makeUser(t.api);
    const guild = await makeGuild(t.api, alice);
    const bob = await makeMember(t, guild.id);
    await befriend(t.api, alice, bob);
    const aliceGw = await GatewayClient.connect(t.baseUrl);
    await aliceGw.identify(alice.token);
    const bobGw = await GatewayClient.connect(t.baseUrl);
    await bobGw.identify(bob.token);
    await aliceGw.next((f) => f.t === "PRESENCE_UPDATE" && f.d.user_id === bob.id && f.d.guild_id === undefined);

    assert.equal((await t.api.delete(`/api/v1/users/@me/relationships/${bob.id}`, { token: alice.token })).status, 204);
    await aliceGw.dispatch("RELATIONSHIP_REMOVE");
    // The guild still carries Bob's presence to Alice, so nothing says he went offline.
    const carol = await makeUser(t.api);
    await t.api.put(`/api/v1/users/@me/relationships/${carol.id}`, {}, { token: alice.token });
    const next = await aliceGw.next((f) => f.t === "PRESENCE_UPDATE" || f.t === "RELATIONSHIP_ADD");
    assert.equal(next.t, "RELATIONSHIP_ADD");
  });

  it("closes with 4002 on an unknown status", async () => {
    await using t = await startTestServer();
    const alice = await makeUser(t.api);
    const gw = await GatewayClient.connect(t.baseUrl);
    await gw.identify(alice.token);
    gw.send("presence_update", { status: "busy" });
    assert.equal((await gw.closedWith()).code, 4002);
  });
});
