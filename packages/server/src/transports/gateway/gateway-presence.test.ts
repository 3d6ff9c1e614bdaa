import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { makeUser } from "../../test-support/factories.js";
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

  it("closes with 4002 on an unknown status", async () => {
    await using t = await startTestServer();
    const alice = await makeUser(t.api);
    const gw = await GatewayClient.connect(t.baseUrl);
    await gw.identify(alice.token);
    gw.send("presence_update", { status: "busy" });
    assert.equal((await gw.closedWith()).code, 4002);
  });
});
