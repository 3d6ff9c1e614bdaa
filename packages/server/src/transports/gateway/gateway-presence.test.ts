import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { makeGuild, makeMember, makeUser } from "../../test-support/factories.js";
import { GatewayClient } from "../../test-support/gateway-client.js";
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

  it("closes with 4002 on an unknown status", async () => {
    await using t = await startTestServer();
    const alice = await makeUser(t.api);
    const gw = await GatewayClient.connect(t.baseUrl);
    await gw.identify(alice.token);
    gw.send("presence_update", { status: "busy" });
    assert.equal((await gw.closedWith()).code, 4002);
  });
});
