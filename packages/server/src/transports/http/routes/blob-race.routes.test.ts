import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { test } from "node:test";
import type { BlobKey, ByteSource, PutOptions } from "../../../blobs/blob-store.js";
import { DelegatingBlobStore } from "../../../blobs/delegating-blob-store.js";
import { makeGuild, makeUser } from "../../../test-support/factories.js";
import { sendMessage } from "../../../test-support/message-factories.js";
import { startTestServer } from "../../../test-support/test-server.js";
import { download, upload, uploadOk } from "../../../test-support/upload-factories.js";

/** A latch: `open()` once, `wait()` any number of times. */
function latch() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, wait: () => opened };
}

/** The real store, with the next put and the next delete held at their start until the test lets them go. */
class HeldBlobStore extends DelegatingBlobStore {
  readonly putReached = latch();
  readonly putRelease = latch();
  readonly claimReached = latch();
  readonly deleteReached = latch();
  readonly deleteRelease = latch();
  armed = false;

  override async put(source: ByteSource, options: PutOptions = {}) {
    if (!this.armed) return this.inner.put(source, options);
    this.putReached.open();
    await this.putRelease.wait();
    const claim = options.claim;
    return this.inner.put(source, {
      ...options,
      claim: async (key) => {
        this.claimReached.open();
        await claim?.(key);
      },
    });
  }

  override async delete(key: BlobKey) {
    if (this.armed) {
      this.deleteReached.open();
      await this.deleteRelease.wait();
    }
    return this.inner.delete(key);
  }
}

test("a file uploaded while the last other copy of the same bytes is being deleted keeps its bytes", async () => {
  let held!: HeldBlobStore;
  await using t = await startTestServer({
    hooks: {
      blobs: (store) => {
        held = new HeldBlobStore(store);
        return held;
      },
    },
  });
  const owner = await makeUser(t.api);
  const guild = await makeGuild(t.api, owner);
  const bytes = randomBytes(64 * 1024);
  const first = await uploadOk(t, owner, guild.generalId, bytes, { filename: "first.bin" });
  const firstMessage = await sendMessage(t.api, owner, guild.generalId, "", { attachment_ids: [first.id] });

  held.armed = true;
  // The second upload of the same bytes stops just before storing them...
  const second = upload(t, owner, guild.generalId, bytes, { filename: "second.bin" });
  await held.putReached.wait();
  // ...while deleting the first message releases the only reference and the collector reaches the blob's delete.
  const deleted = t.api.request("DELETE", `/api/v1/channels/${guild.generalId}/messages/${firstMessage.id}`, {
    token: owner.token,
  });
  await held.deleteReached.wait();
  // The upload goes on until it has stored the file and answered, or until it claims the blob (it cannot get
  // further while the collector holds the blob's lock); only then does the collector's delete run.
  held.putRelease.open();
  await Promise.race([second, held.claimReached.wait()]);
  held.deleteRelease.open();
  assert.equal((await deleted).status, 204);
  const uploaded = await second;
  assert.equal(uploaded.status, 201);
  held.armed = false;

  const message = await sendMessage(t.api, owner, guild.generalId, "", { attachment_ids: [uploaded.body.id] });
  const file = await download(t, message.attachments[0].url, { token: owner.token });
  assert.equal(file.status, 200);
  assert.ok(file.bytes.equals(bytes), "the second upload's bytes are still stored");
});
