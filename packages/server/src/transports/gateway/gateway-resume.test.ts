import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { makeUser, type TestUser } from "../../test-support/factories.js";
import { GatewayClient } from "../../test-support/gateway-client.js";
import { startTestServer, type TestServer } from "../../test-support/test-server.js";

async function rename(t: TestServer, user: TestUser, name: string): Promise<void> {
  const res = await t.api.patch("/api/v1/users/@me", { display_name: name }, { token: user.token });
  assert.equal(res.status, 200);
}

describe("gateway resume", () => {
  it("replays exactly the missed dispatches in order after a dropped connection, then RESUMED", async () => {
    await using t = await startTestServer();
    const alice = await makeUser(t.api);
    const first = await GatewayClient.connect(t.baseUrl);
    const ready = await first.identify(alice.token);
    await rename(t, alice, "one");
    await first.dispatch("USER_UPDATE");
    await rename(t, alice, "two");
    await first.dispatch("USER_UPDATE");
    const seenSeq = first.seq;
    await first.drop();

    for (const name of ["three", "four", "five"]) await rename(t, alice, name);

    const second = await GatewayClient.connect(t.baseUrl);
    second.resume(alice.token, ready.session_id, seenSeq);
    const names = [];
    for (let i = 0; i < 3; i++) names.push((await second.dispatch("USER_UPDATE")).display_name);
    assert.deepEqual(names, ["three", "four", "five"]);
    await second.dispatch("RESUMED");
    await rename(t, alice, "six");
    assert.equal((await second.dispatch("USER_UPDATE")).display_name, "six");
    assert.deepEqual(second.problems, [], "no gaps, no duplicates");
    assert.equal(second.seq, seenSeq + 5);
    await second.close();
  });

  it("resumes from an older seq than the last one sent, replaying what the client did not see", async () => {
    await using t = await startTestServer();
    const alice = await makeUser(t.api);
    const first = await GatewayClient.connect(t.baseUrl);
    const ready = await first.identify(alice.token);
    await rename(t, alice, "a");
    await rename(t, alice, "b");
    await first.dispatch("USER_UPDATE");
    await first.dispatch("USER_UPDATE");
    await first.close(4000);

    const second = await GatewayClient.connect(t.baseUrl);
    second.resume(alice.token, ready.session_id, 2);
    assert.equal((await second.dispatch("USER_UPDATE")).display_name, "b");
    await second.dispatch("RESUMED");
    assert.deepEqual(second.problems, []);
  });

  it("answers invalid_session for unknown, expired, cleanly closed and overflowed sessions", async () => {
    await using t = await startTestServer({
      settings: { "gateway.resume_window_ms": 300, "gateway.replay_buffer_events": 3 },
    });
    const alice = await makeUser(t.api);
    const invalid = async (sessionId: string, seq: number) => {
      const gw = await GatewayClient.connect(t.baseUrl);
      gw.resume(alice.token, sessionId, seq);
      const frame = await gw.next((f) => f.op === "invalid_session" || f.op === "dispatch");
      assert.equal(frame.op, "invalid_session");
      assert.deepEqual(frame.d, { resumable: false });
      // The same connection may identify afresh.
      await gw.identify(alice.token);
      await gw.close();
    };

    await invalid("no-such-session", 1);

    const clean = await GatewayClient.connect(t.baseUrl);
    const cleanReady = await clean.identify(alice.token);
    await clean.close(1000);
    await invalid(cleanReady.session_id, 1);

    const overflowed = await GatewayClient.connect(t.baseUrl);
    const overflowReady = await overflowed.identify(alice.token);
    await overflowed.drop();
    for (const name of ["a", "b", "c", "d"]) await rename(t, alice, name);
    await invalid(overflowReady.session_id, 1);

    const expired = await GatewayClient.connect(t.baseUrl);
    const expiredReady = await expired.identify(alice.token);
    await expired.drop();
    await new Promise((resolve) => setTimeout(resolve, 400));
    await invalid(expiredReady.session_id, 1);
  });

  it("refuses another user's session and a seq from the future", async () => {
    await using t = await startTestServer();
    const alice = await makeUser(t.api);
    const bob = await makeUser(t.api);
    const gw = await GatewayClient.connect(t.baseUrl);
    const ready = await gw.identify(alice.token);
    await gw.drop();

    const thief = await GatewayClient.connect(t.baseUrl);
    thief.resume(bob.token, ready.session_id, 1);
    assert.equal((await thief.next((f) => f.op === "invalid_session")).d.resumable, false);
    await thief.close();

    const future = await GatewayClient.connect(t.baseUrl);
    future.resume(alice.token, ready.session_id, 99);
    assert.equal((await future.closedWith()).code, 4007);
  });

  it("takes a session over from a connection that is still open", async () => {
    await using t = await startTestServer();
    const alice = await makeUser(t.api);
    const old = await GatewayClient.connect(t.baseUrl);
    const ready = await old.identify(alice.token);
    const fresh = await GatewayClient.connect(t.baseUrl);
    fresh.resume(alice.token, ready.session_id, 1);
    await fresh.dispatch("RESUMED");
    assert.equal((await old.closedWith()).code, 1000);
    await rename(t, alice, "after");
    assert.equal((await fresh.dispatch("USER_UPDATE")).display_name, "after");
    await fresh.close();
  });
});
