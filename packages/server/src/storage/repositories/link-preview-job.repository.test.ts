import assert from "node:assert/strict";
import { test } from "node:test";
import { startTestServer } from "../../test-support/test-server.js";
import { LinkPreviewJobRepository } from "./link-preview-job.repository.js";

test("concurrent claims each take different jobs, and a leased job is not taken again until its lease runs out", async () => {
  await using t = await startTestServer();
  await t.server.services.linkPreviews.stop();
  const jobs = new LinkPreviewJobRepository(t.server.database.db);
  const now = Date.now();
  const ids = Array.from({ length: 40 }, (_, i) => String(1_000_000 + i));
  for (const id of ids) await jobs.enqueue(id, "1", now);

  // Eight claims at once over the connection pool (PostgreSQL), as eight nodes would.
  const claimed = (await Promise.all(Array.from({ length: 8 }, () => jobs.claimDue(now, 60_000, 5)))).flat();
  const taken = claimed.map((j) => j.message_id);
  assert.equal(new Set(taken).size, taken.length, "no job was claimed twice");
  assert.deepEqual([...taken].sort(), ids);
  assert.ok(claimed.every((j) => j.attempts === 1));
  assert.deepEqual(await jobs.claimDue(now + 59_000, 60_000, 50), [], "leases still held");

  const [first, second] = claimed;
  assert.ok(first && second);
  await jobs.retryAt(first, now + 30_000);
  await jobs.finish(second);
  // A later edit rescheduled this one: the old run's finish must not remove the new version.
  const [third] = claimed.slice(2);
  assert.ok(third);
  await jobs.enqueue(third.message_id, "1", now);
  await jobs.finish(third);
  const again = await jobs.claimDue(now + 31_000, 60_000, 50);
  assert.deepEqual(
    again.map((j) => [j.message_id, j.attempts]).sort(),
    [
      [first.message_id, 2],
      [third.message_id, 1],
    ].sort(),
  );
});
