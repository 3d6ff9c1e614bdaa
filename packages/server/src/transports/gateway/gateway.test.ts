import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { makeUser } from "../../test-support/factories.js";
import { GatewayClient } from "../../test-support/gateway-client.js";
import { startTestServer } from "../../test-support/test-server.js";

describe("gateway sessions", () => {
  it("identifies, sends READY as s=1 and acknowledges heartbeats", async () => {
    await using t = await startTestServer();
    const alice = await makeUser(t.api);
    const gw = await GatewayClient.connect(t.baseUrl, { heartbeat: false });
    assert.equal(gw.heartbeatInterval, 41_250);
    const ready = await gw.identify(alice.token);
    assert.equal(gw.seq, 1);
    assert.equal(ready.user.id, alice.id);
    assert.equal(ready.user.username, alice.username);
    assert.ok(ready.session_id.length >= 16);
    assert.deepEqual(ready.guilds, []);
    gw.send("heartbeat", 1);
    await gw.next((f) => f.op === "heartbeat_ack");
    await gw.close();
  });

  it("closes with 4004 on a bad token", async () => {
    await using t = await startTestServer();
    const bad = await GatewayClient.connect(t.baseUrl);
    bad.send("identify", { token: "not-a-token" });
    assert.equal((await bad.closedWith()).code, 4004);
  });

  it("closes with 4003 when nobody identifies in time", async () => {
    await using t = await startTestServer({ settings: { "gateway.identify_timeout_ms": 150 } });
    const started = Date.now();
    const silent = await GatewayClient.connect(t.baseUrl);
    assert.equal((await silent.closedWith()).code, 4003);
    assert.ok(Date.now() - started >= 140);
  });

  it("does not close a client that identified in time while the server is slow to authenticate it", async () => {
    await using t = await startTestServer({ settings: { "gateway.identify_timeout_ms": 1_000 } });
    const alice = await makeUser(t.api);
    // An identify storm keeps authentication queued for longer than the identify timeout.
    const { sessions } = t.server.services;
    const authenticate = sessions.authenticate.bind(sessions);
    sessions.authenticate = async (token) => {
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      return authenticate(token);
    };
    const gw = await GatewayClient.connect(t.baseUrl);
    gw.send("identify", { token: alice.token, properties: { os: "test", browser: "gateway-client" } });
    const ready = await gw.dispatch("READY", 20_000);
    assert.equal(ready.user.id, alice.id);
  });

  it("closes with 4009 when heartbeats stop for 1.5 intervals", async () => {
    await using t = await startTestServer({ settings: { "gateway.heartbeat_interval_ms": 500 } });
    const alice = await makeUser(t.api);
    const beating = await GatewayClient.connect(t.baseUrl);
    await beating.identify(alice.token);
    const started = Date.now();
    const silent = await GatewayClient.connect(t.baseUrl, { heartbeat: false });
    await silent.identify(alice.token);
    assert.equal((await silent.closedWith()).code, 4009);
    assert.ok(Date.now() - started >= 740, "not before 1.5 intervals from hello");
    await sleep(800);
    assert.equal(beating.socket.readyState, beating.socket.OPEN, "a heartbeating client stays connected");
    await beating.close();
  });

  it("delivers a user's events to every one of their sessions and nobody else", async () => {
    await using t = await startTestServer();
    const alice = await makeUser(t.api);
    const bob = await makeUser(t.api);
    const desktop = await GatewayClient.connect(t.baseUrl);
    const phone = await GatewayClient.connect(t.baseUrl);
    const bobs = await GatewayClient.connect(t.baseUrl);
    await desktop.identify(alice.token);
    await phone.identify(alice.token);
    await bobs.identify(bob.token);

    const res = await t.api.patch("/api/v1/users/@me", { display_name: "Alice A." }, { token: alice.token });
    assert.equal(res.status, 200);
    for (const gw of [desktop, phone]) {
      const update = await gw.dispatch("USER_UPDATE");
      assert.equal(update.display_name, "Alice A.");
      assert.equal(gw.seq, 2);
    }
    await sleep(50);
    assert.deepEqual(bobs.drain(), []);
  });

  it("honours intents: an unknown intent closes with 4010", async () => {
    await using t = await startTestServer();
    const alice = await makeUser(t.api);
    const gw = await GatewayClient.connect(t.baseUrl);
    gw.send("identify", { token: alice.token, intents: ["MESSAGES", "EVERYTHING"] });
    assert.equal((await gw.closedWith()).code, 4010);
  });

  it("closes open sockets with 4004 when their session is signed out", async () => {
    await using t = await startTestServer();
    const alice = await makeUser(t.api);
    const login = await t.api.post("/api/v1/auth/login", { username: alice.username, password: alice.password });
    const first = await GatewayClient.connect(t.baseUrl);
    const second = await GatewayClient.connect(t.baseUrl);
    await first.identify(alice.token);
    await second.identify(login.body.access_token);

    assert.equal((await t.api.post("/api/v1/auth/logout", {}, { token: alice.token })).status, 204);
    assert.equal((await first.closedWith()).code, 4004);
    await sleep(50);
    assert.equal(second.socket.readyState, second.socket.OPEN, "other sessions of the user stay connected");
    await second.close();
  });

  it("closes sockets cleanly with 1001 on server shutdown", async () => {
    await using t = await startTestServer();
    const alice = await makeUser(t.api);
    const gw = await GatewayClient.connect(t.baseUrl);
    await gw.identify(alice.token);
    const idle = await GatewayClient.connect(t.baseUrl);
    await t.stop();
    assert.equal((await gw.closedWith()).code, 1001);
    assert.equal((await idle.closedWith()).code, 1001);
  });
});
