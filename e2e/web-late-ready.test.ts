/**
 * Browser end-to-end: READY loaded before the user created a server, but delivered after. READY does not list the
 * new server (its GUILD_CREATE follows), and the client must not drop it in between and bounce the user home.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Page, WebSocketRoute } from "playwright-core";
import { browserSkipReason } from "./support/browser.js";
import { createServer, register } from "./support/flows.js";
import { useBrowserSuite } from "./support/suite.js";

const PASSWORD = "correct horse battery";

/** Holds every gateway frame from the first READY on, until `release` sends them one by one. */
async function holdReady(page: Page): Promise<{ held: () => string[]; release: (count?: number) => void }> {
  const held: string[] = [];
  let page_: WebSocketRoute | undefined;
  let holding = false;
  await page.routeWebSocket(/\/gateway/, (socket) => {
    page_ = socket;
    const server = socket.connectToServer();
    server.onMessage((frame) => {
      const text = frame.toString();
      if (text.includes('"t":"READY"')) holding = true;
      if (holding) held.push(text);
      else socket.send(frame);
    });
  });
  return {
    held: () => held,
    release(count = held.length) {
      for (const frame of held.splice(0, count)) page_?.send(frame);
      if (held.length === 0) holding = false;
    },
  };
}

/** Lets the page handle what it has received and render it (React renders in a task after the message). */
async function settle(page: Page): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50))));
  }
}

describe("web client: READY arriving after a server was created", { skip: browserSkipReason() }, () => {
  const suite = useBrowserSuite();

  test("the new server stays open while its GUILD_CREATE is still on its way", async () => {
    const page = await suite.page();
    const gateway = await holdReady(page);
    await register(page, "lena", PASSWORD);
    while (!gateway.held().some((f) => f.includes('"t":"READY"'))) await page.waitForTimeout(20);
    await createServer(page, "Late Ready");
    const serverUrl = page.url();

    gateway.release(1);
    await settle(page);
    assert.equal(page.url(), serverUrl, "READY without the server did not send the user away from it");

    gateway.release();
    await settle(page);
    assert.equal(page.url(), serverUrl);
    assert.equal(await page.title(), "#general | Late Ready | Nexus");
    await page.getByRole("navigation", { name: "Servers" }).getByRole("link", { name: "Late Ready" }).waitFor();
  });
});
