/** The web client's API module against a real server: token rotation must never trip refresh-token reuse detection. */
import assert from "node:assert/strict";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { ApiClient } from "../packages/web/src/api/api-client.js";
import { ApiError } from "../packages/web/src/api/api-error.js";
import { TokenStore } from "../packages/web/src/api/token-store.js";
import { type NexusProcess, startNexus } from "./support/nexus-process.js";

/** localStorage as two tabs of one browser share it. */
class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

function clientFor(baseUrl: string, storage: Storage, counts: { refreshes: number; ended: number }) {
  return new ApiClient(
    new TokenStore(storage),
    () => {
      counts.ended += 1;
    },
    (input, init) => {
      if (String(input).endsWith("/auth/refresh")) counts.refreshes += 1;
      return fetch(`${baseUrl}${String(input)}`, init);
    },
  );
}

describe("web API client", () => {
  let nexus: NexusProcess;
  before(async () => {
    // The API alone: no web client build is needed for these.
    nexus = await startNexus(join(tmpdir(), "nexus-no-web-client"));
  });
  after(() => nexus?.[Symbol.asyncDispose]());

  test("concurrent requests on a cold start share one refresh, and the session survives", async () => {
    const storage = new MemoryStorage();
    const counts = { refreshes: 0, ended: 0 };
    const signUp = clientFor(nexus.baseUrl, storage, counts);
    const registered = await signUp.post<{
      access_token: string;
      refresh_token: string;
      expires_in: number;
      token_type: "Bearer";
    }>("/auth/register", { username: "tabby", password: "correct horse battery" }, { auth: false });
    signUp.startSession(registered);

    // A page reload: the access token is gone from memory, the refresh token is in storage.
    const reloaded = clientFor(nexus.baseUrl, storage, counts);
    const users = await Promise.all(Array.from({ length: 6 }, () => reloaded.get<{ username: string }>("/users/@me")));
    assert.deepEqual(
      users.map((u) => u.username),
      Array(6).fill("tabby"),
    );
    assert.equal(counts.refreshes, 1);
    assert.equal(counts.ended, 0);
  });

  test("two tabs sharing storage rotate in turn without being signed out", async () => {
    const storage = new MemoryStorage();
    const counts = { refreshes: 0, ended: 0 };
    const first = clientFor(nexus.baseUrl, storage, counts);
    first.startSession(
      await first.post("/auth/register", { username: "twotabs", password: "correct horse battery" }, { auth: false }),
    );
    const second = clientFor(nexus.baseUrl, storage, counts);
    await second.get("/users/@me"); // rotates the stored refresh token
    const third = clientFor(nexus.baseUrl, storage, counts);
    await third.get("/users/@me"); // must use the rotated one, not a stale copy
    assert.equal(counts.refreshes, 2);
    assert.equal(counts.ended, 0);
    assert.equal((await first.get<{ username: string }>("/users/@me")).username, "twotabs");
  });

  test("a rejected refresh token ends the session and clears storage", async () => {
    const storage = new MemoryStorage();
    storage.setItem("nexus.refresh_token", "not-a-real-token");
    const counts = { refreshes: 0, ended: 0 };
    const client = clientFor(nexus.baseUrl, storage, counts);
    await assert.rejects(
      client.get("/users/@me"),
      (error: unknown) => error instanceof ApiError && error.status === 401,
    );
    assert.equal(counts.ended, 1);
    assert.equal(storage.getItem("nexus.refresh_token"), null);
  });
});
