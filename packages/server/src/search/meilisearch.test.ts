/**
 * The Meilisearch adapter against the in-process stand-in: the index is configured at startup; bulk, channel and
 * server deletions reach it; an outage never fails a send and the index catches up by itself afterwards; and
 * `nexus search reindex` fills a new index from the database. (The shared search behaviour is in
 * search.routes.test.ts, which runs on both engines.)
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { SearchOutboxRepository } from "../storage/repositories/search-outbox.repository.js";
import { makeGuild, makeUser } from "../test-support/factories.js";
import { startMeilisearchStandIn } from "../test-support/meilisearch-standin.js";
import { sendMany, sendMessage } from "../test-support/message-factories.js";
import { runNexus } from "../test-support/run-cli.js";
import { MEILI_INDEX, type SearchTestServer, startSearchTestServer } from "../test-support/search-test-server.js";
import { startTestServer } from "../test-support/test-server.js";

const indexedIds = (t: SearchTestServer) => (t.meili?.documents(MEILI_INDEX) ?? []).map((d) => String(d.id)).sort();

async function searchIds(t: { api: SearchTestServer["api"] }, token: string, guildId: string, query: string) {
  const res = await t.api.get(`/api/v1/guilds/${guildId}/messages/search?${query}`, { token });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.messages.map((m: { id: string }) => m.id) as string[];
}

/** Waits (bounded) for `done`, checking every 50 ms: the indexer retries on its own schedule. */
async function eventually(done: () => Promise<boolean>, what: string) {
  for (let i = 0; i < 600; i++) {
    if (await done()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.fail(`timed out waiting until ${what}`);
}

test("meilisearch: index configured at startup; bulk, channel and server deletions reach the index", async () => {
  await using t = await startSearchTestServer("meilisearch");
  const owner = await makeUser(t.api);
  const guild = await makeGuild(t.api, owner);
  await t.indexed();
  const settings = t.meili?.settings(MEILI_INDEX) ?? {};
  assert.deepEqual(settings.sortableAttributes, ["id_hi", "id_lo"]);
  assert.ok((settings.filterableAttributes as string[]).includes("channel_id"));
  assert.deepEqual(settings.typoTolerance, { enabled: false });

  const general = await sendMany(t.api, owner, guild.generalId, 4);
  const other = await t.api.post(`/api/v1/guilds/${guild.id}/channels`, { name: "other" }, { token: owner.token });
  const inOther = await sendMessage(t.api, owner, other.body.id, "in the other channel");
  await t.indexed();
  assert.deepEqual(indexedIds(t), [...general, inOther.id].sort());
  assert.deepEqual(await searchIds(t, owner.token, guild.id, "content=channel"), [inOther.id]);
  assert.ok(t.meili?.requests.includes(`POST /indexes/${MEILI_INDEX}/search`), "the search went to Meilisearch");

  const bulk = `/api/v1/channels/${guild.generalId}/messages/bulk-delete`;
  assert.equal((await t.api.post(bulk, { messages: general.slice(0, 3) }, { token: owner.token })).status, 204);
  await t.indexed();
  assert.deepEqual(indexedIds(t), [general[3], inOther.id].sort());

  assert.equal((await t.api.delete(`/api/v1/channels/${other.body.id}`, { token: owner.token })).status, 200);
  await t.indexed();
  assert.deepEqual(indexedIds(t), [general[3]]);

  assert.equal((await t.api.delete(`/api/v1/guilds/${guild.id}`, { token: owner.token })).status, 204);
  await t.indexed();
  assert.deepEqual(indexedIds(t), []);
});

test("meilisearch: an outage never fails a send, search answers 503, and the index catches up by itself", async () => {
  await using t = await startSearchTestServer("meilisearch");
  const meili = t.meili as NonNullable<SearchTestServer["meili"]>;
  const owner = await makeUser(t.api);
  const guild = await makeGuild(t.api, owner);
  const before = await sendMessage(t.api, owner, guild.generalId, "written before the outage");
  await t.indexed();
  const outbox = new SearchOutboxRepository(t.server.database.db);

  for (const outage of ["503", "down"] as const) {
    meili.outage = outage;
    const during = await sendMessage(t.api, owner, guild.generalId, `written while meilisearch is ${outage}`);
    const edit = await t.api.patch(
      `/api/v1/channels/${guild.generalId}/messages/${before.id}`,
      { content: `edited while meilisearch is ${outage}` },
      { token: owner.token },
    );
    assert.equal(edit.status, 200);
    const search = await t.api.get(`/api/v1/guilds/${guild.id}/messages/search?content=meilisearch`, {
      token: owner.token,
    });
    assert.equal(search.status, 503);
    assert.equal(search.body.error.code, "SERVICE_UNAVAILABLE");
    assert.ok((await outbox.count()) > 0, "the changes wait in the outbox");
    assert.ok(!indexedIds(t).includes(during.id));

    meili.outage = null;
    await eventually(async () => (await outbox.count()) === 0, "the indexer pushed the outbox after the outage");
    await meili.idle();
    const found = await searchIds(t, owner.token, guild.id, `content=${outage}`);
    assert.deepEqual(found.sort(), [before.id, during.id].sort());
  }
});

test("nexus search reindex fills a new Meilisearch index from the database", async () => {
  const meili = await startMeilisearchStandIn();
  try {
    const t = await startTestServer();
    const owner = await makeUser(t.api);
    const guild = await makeGuild(t.api, owner);
    const ids = await sendMany(t.api, owner, guild.generalId, 5);
    const env = {
      NEXUS_DATA_DIR: t.dataDir,
      NEXUS_DATABASE_URL: t.config.database.url,
      NEXUS_SEARCH_URL: meili.url,
      NEXUS_SEARCH_API_KEY: meili.apiKey,
      NEXUS_SEARCH_INDEX: "rebuilt",
    };
    await t.stop();
    try {
      const reindex = await runNexus(["search", "reindex"], env);
      assert.equal(reindex.code, 0, reindex.stderr);
      assert.match(reindex.stdout, /^Queueing 5 messages for Meilisearch index "rebuilt"/m);
      assert.match(reindex.stdout, /^5 of 5 sent\./m);
      await meili.idle();
      assert.deepEqual(
        meili
          .documents("rebuilt")
          .map((d) => String(d.id))
          .sort(),
        [...ids].sort(),
      );

      const again = await startTestServer({
        dataDir: t.dataDir,
        settings: { "search.url": meili.url, "search.api_key": meili.apiKey, "search.index": "rebuilt" },
      });
      assert.deepEqual(await searchIds(again, owner.token, guild.id, "content=m3"), [ids[3]]);
      // Stopped, so the command pushes itself rather than leaving it to the server's indexer (which holds the lease).
      await again.stop();

      meili.outage = "503";
      const failed = await runNexus(["search", "reindex"], env);
      assert.equal(failed.code, 1);
      assert.match(failed.stderr, /^nexus: search reindex: Meilisearch .*503.*what is left stays queued/m);
    } finally {
      await t[Symbol.asyncDispose]();
    }
  } finally {
    await meili.close();
  }
});
