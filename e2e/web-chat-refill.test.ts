/**
 * Browser end-to-end: a drop longer than the server keeps a session for. The client cannot resume, identifies
 * again, and refills the open channel from history, so every message sent meanwhile is there.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Page } from "playwright-core";
import { browserSkipReason } from "./support/browser.js";
import { createServer, invitePath, register, registerAndJoin } from "./support/flows.js";
import { useBrowserSuite } from "./support/suite.js";

const PASSWORD = "correct horse battery";
const MISSED = 6;

const message = (page: Page, text: string) =>
  page.getByRole("log", { name: "Messages in #general" }).getByRole("article").filter({ hasText: text });

async function send(page: Page, text: string): Promise<void> {
  const composer = page.getByRole("textbox", { name: "Message #general" });
  await composer.fill(text);
  await composer.press("Enter");
  await message(page, text).waitFor();
}

describe("web client: a gateway session lost during a drop", { skip: browserSkipReason() }, () => {
  // The server keeps only 3 dispatches per session, so missing 6 messages makes the session unresumable.
  const suite = useBrowserSuite({ NEXUS_GATEWAY_REPLAY_BUFFER_EVENTS: "3" });

  test("the client identifies again and refills the channel from history: nothing is missing", async () => {
    const alice = await suite.page();
    await register(alice, "alice", PASSWORD);
    await createServer(alice, "Night Shift");
    const path = await invitePath(alice);
    const bob = await suite.page();
    await registerAndJoin(bob, "bob", PASSWORD, path);
    let readies = 0;
    bob.on("websocket", (socket) =>
      socket.on("framereceived", ({ payload }) => {
        if (typeof payload === "string" && payload.includes('"t":"READY"')) readies++;
      }),
    );
    await send(alice, "before the drop");
    await message(bob, "before the drop").waitFor();

    await bob.context().setOffline(true);
    await bob.getByText("You're offline. Waiting for the network…").waitFor();
    for (let i = 1; i <= MISSED; i++) await send(alice, `missed ${i}`);
    await bob.context().setOffline(false);

    for (let i = 1; i <= MISSED; i++) await message(bob, `missed ${i}`).waitFor({ timeout: 60_000 });
    assert.equal(readies, 1, "the session could not be resumed, so the client identified again");
    await send(alice, "after the drop");
    await message(bob, "after the drop").waitFor();
    assert.equal(await message(bob, "missed 1").count(), 1, "refilled messages are not duplicated");
  });
});
