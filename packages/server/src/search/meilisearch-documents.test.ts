import assert from "node:assert/strict";
import { test } from "node:test";
import { idBound, meilisearchMessage } from "./meilisearch-documents.js";

const doc = (id: string) =>
  meilisearchMessage({
    id,
    channel_id: "1",
    guild_id: null,
    author_id: "2",
    content: "",
    mention_user_ids: [],
    has: [],
    pinned: false,
  });

test("message ids split into exact 32-bit halves that sort like the 64-bit id", () => {
  // Neighbours across a carry into the high half, and ids beyond 2^53 (where a double would round them together).
  const ids = [
    "4294967295",
    "4294967296",
    "1234567890123456789",
    "1234567890123456790",
    "9223372036854775806",
    "9223372036854775807",
  ];
  const halves = ids.map((id) => doc(id));
  for (const [i, h] of halves.entries()) {
    assert.equal((BigInt(h.id_hi) << 32n) | BigInt(h.id_lo), BigInt(ids[i] as string));
    const next = halves[i + 1];
    if (next) assert.ok(h.id_hi < next.id_hi || (h.id_hi === next.id_hi && h.id_lo < next.id_lo), ids[i]);
  }
  assert.equal(idBound("<", "4294967296"), "(id_hi < 1 OR (id_hi = 1 AND id_lo < 0))");
});
