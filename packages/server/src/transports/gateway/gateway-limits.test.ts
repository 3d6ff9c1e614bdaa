import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { userTopic } from "../../events/domain-events.js";
import { makeUser } from "../../test-support/factories.js";
import { GatewayClient } from "../../test-support/gateway-client.js";
import { startTestServer } from "../../test-support/test-server.js";

describe("gateway limits and protocol errors", () => {
  it("closes with 4002 on malformed JSON, 4001 on an unknown op and 4002 on a bad payload", async () => {
    await using t = await startTestServer();
    const cases: [string, number][] = [
      ["{not json", 4002],
      ['"a string"', 4002],
      ['{"op":"launch_rockets","d":{}}', 4001],
      ['{"op":"identify","d":{"token":42}}', 4002],
    ];
    for (const [frame, code] of cases) {
      const gw = await GatewayClient.connect(t.baseUrl);
      gw.sendRaw(frame);
      assert.equal((await gw.closedWith()).code, code, frame);
    }
  });

  it("closes with 4005 on a second identify and 4003 on presence before identify", async () => {
    await using t = await startTestServer();
    const alice = await makeUser(t.api);
    const twice = await GatewayClient.connect(t.baseUrl);
    await twice.identify(alice.token);
    twice.send("identify", { token: alice.token });
    assert.equal((await twice.closedWith()).code, 4005);

    const early = await GatewayClient.connect(t.baseUrl);
    early.send("presence_update", { status: "idle" });
    assert.equal((await early.closedWith()).code, 4003);
  });

  it("closes with 1009 on a frame over 16 KiB", async () => {
    await using t = await startTestServer();
    const gw = await GatewayClient.connect(t.baseUrl);
    gw.sendRaw(JSON.stringify({ op: "heartbeat", d: null, pad: "x".repeat(17 * 1024) }));
    assert.equal((await gw.closedWith()).code, 1009);
  });

  it("closes with 4008 after 120 frames in a minute", async () => {
    await using t = await startTestServer();
    const gw = await GatewayClient.connect(t.baseUrl, { heartbeat: false });
    for (let i = 0; i < 120; i++) gw.send("heartbeat", null);
    for (let i = 0; i < 120; i++) await gw.next((f) => f.op === "heartbeat_ack");
    gw.send("heartbeat", null);
    assert.equal((await gw.closedWith()).code, 4008);
  });

  it("closes a client that stops reading with 4011 instead of buffering without bound", async () => {
    await using t = await startTestServer({ settings: { "gateway.max_send_buffer_bytes": 65_536 } });
    const alice = await makeUser(t.api);
    const gw = await GatewayClient.connect(t.baseUrl);
    const ready = await gw.identify(alice.token);
    const socket = (gw.socket as unknown as { _socket: import("node:net").Socket })._socket;
    socket.pause();
    const big = { ...ready.user, bio: "x".repeat(256 * 1024) };
    // 32 MiB: well past what the kernel's loopback buffers absorb before the server's own buffer grows.
    for (let i = 0; i < 128; i++) await t.server.bus.publish(userTopic(alice.id), { type: "USER_UPDATE", data: big });
    socket.resume();
    assert.equal((await gw.closedWith(10_000)).code, 4011);
  });

  it("negotiates permessage-deflate only when enabled", async () => {
    await using off = await startTestServer();
    const plain = await GatewayClient.connect(off.baseUrl, { compress: true });
    assert.equal(plain.socket.extensions, "");
    await plain.close();

    await using on = await startTestServer({ settings: { "gateway.compression": true } });
    const alice = await makeUser(on.api);
    const compressed = await GatewayClient.connect(on.baseUrl, { compress: true });
    assert.match(compressed.socket.extensions, /permessage-deflate/);
    const ready = await compressed.identify(alice.token);
    assert.equal(ready.user.id, alice.id);
    await compressed.close();
  });
});
