/** Browser end-to-end: search with filter chips, the total, and a result that jumps to its message. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Page } from "playwright-core";
import { browserSkipReason, screenshot, unnamedControls } from "./support/browser.js";
import { createChannel, createServer, register } from "./support/flows.js";
import { useBrowserSuite } from "./support/suite.js";

const skip = browserSkipReason();

async function say(page: Page, channel: string, text: string) {
  const composer = page.getByRole("textbox", { name: `Message #${channel}` });
  await composer.fill(text);
  await composer.press("Enter");
  await page.getByRole("article").filter({ hasText: text }).first().waitFor();
}

describe("web client: search", { skip }, () => {
  const suite = useBrowserSuite();

  test("search the server, narrow with in:, remove the chip, and jump to a result", async () => {
    const page = await suite.page();
    await register(page, "sam", "correct horse battery");
    await createServer(page, "Search Party");
    await say(page, "general", "pizza tonight at eight");
    for (let i = 0; i < 30; i++) await say(page, "general", `filler message ${i}`);
    await createChannel(page, "random");
    await say(page, "random", "pizza or sushi?");

    const box = page.getByRole("searchbox", { name: "Search this server" });
    await box.fill("pizza");
    await box.press("Enter");
    const results = page.getByRole("complementary", { name: "Search results" });
    await results.getByRole("heading", { name: "2 results" }).waitFor();

    await box.fill("pizza in:random");
    await box.press("Enter");
    await results.getByRole("heading", { name: "1 result" }).waitFor();
    await results.getByRole("button", { name: "Remove filter In: #random" }).waitFor();
    await screenshot(page, "desktop-search");
    assert.deepEqual(await unnamedControls(page), []);
    await results.getByRole("button", { name: "Remove filter In: #random" }).click();
    await results.getByRole("heading", { name: "2 results" }).waitFor();

    // The #general hit is 30 messages back: the jump loads the history around it.
    await results.getByRole("button", { name: /pizza tonight at eight/ }).click();
    await page.waitForURL(/\/channels\/\d+\/\d+$/);
    await page.getByRole("heading", { name: "general" }).first().waitFor();
    await page.getByRole("article").filter({ hasText: "pizza tonight at eight" }).waitFor();
    await page.context().close();
  });
});
