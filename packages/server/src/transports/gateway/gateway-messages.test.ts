import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { makeGuild, makeMember, makeUser } from "../../test-support/factories.js";
import { GatewayClient } from "../../test-support/gateway-client.js";
import { befriend, openDm, sendMessage } from "../../test-support/message-factories.js";
import { startTestServer } from "../../test-support/test-server.js";

describe("gateway message delivery", () => {
  it("delivers guild messages to the channel's audience and DMs to their recipients, with DMs in READY", async () => {
    await using t = await startTestServer();
    const alice = await makeUser(t.api);
    const guild = await makeGuild(t.api, alice);
    const bob = await makeMember(t, guild.id);
    const carol = await makeUser(t.api);
    await befriend(t.api, alice, carol);
    const existing = await openDm(t.api, alice, carol);

    const bobGw = await GatewayClient.connect(t.baseUrl);
    await bobGw.identify(bob.token);
    const carolGw = await GatewayClient.connect(t.baseUrl);
    const carolReady = await carolGw.identify(carol.token);
    assert.deepEqual(
      carolReady.dm_channels.map((c) => c.id),
      [existing.id],
    );

    await sendMessage(t.api, alice, guild.generalId, "hello server");
    assert.equal((await bobGw.next((f) => f.t === "MESSAGE_CREATE")).d.content, "hello server");
    await sendMessage(t.api, alice, existing.id, "hello carol");
    assert.equal((await carolGw.next((f) => f.t === "MESSAGE_CREATE")).d.content, "hello carol");

    // A DM opened after identify is delivered too.
    const fresh = await openDm(t.api, alice, bob);
    assert.equal((await bobGw.next((f) => f.t === "DM_CHANNEL_CREATE")).d.id, fresh.id);
    await sendMessage(t.api, alice, fresh.id, "psst");
    assert.equal((await bobGw.next((f) => f.t === "MESSAGE_CREATE")).d.content, "psst");
    await sleep(50);
    assert.deepEqual(
      carolGw.drain().filter((f) => f.t === "MESSAGE_CREATE"),
      [],
    );
  });
});
