/**
 * Browser end-to-end custom emoji: `:name` autocomplete in the composer, the emoji inline in messages, in the
 * reaction picker and as an image in the reaction; an emoji added while the page is open arrives live (GUILD_EMOJIS_UPDATE).
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Page } from "playwright-core";
import sharp from "sharp";
import { browserSkipReason, DESKTOP, newContext } from "./support/browser.js";
import { apiAs, createServer, PASSWORD, register } from "./support/flows.js";
import { useBrowserSuite } from "./support/suite.js";

const skip = browserSkipReason();

async function emojiImage(background: string): Promise<string> {
  const png = await sharp({ create: { width: 64, height: 64, channels: 4, background } })
    .png()
    .toBuffer();
  return `data:image/png;base64,${png.toString("base64")}`;
}

/** Polls `check` until it holds (the switches save in the background), for up to 20 s. */
async function eventually(check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail("the change never reached the server");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const composer = (page: Page) => page.getByRole("textbox", { name: "Message #general" });
const message = (page: Page, text: string | RegExp) =>
  page.getByRole("log", { name: "Messages in #general" }).getByRole("article").filter({ hasText: text });

describe("web client: custom emoji", { skip }, () => {
  const suite = useBrowserSuite();

  test("inline in messages, in the reaction picker and in reactions, live after upload", async () => {
    const context = await newContext(suite.browser, suite.nexus.baseUrl, DESKTOP);
    const page = await context.newPage();
    await register(page, "emoji_fan", PASSWORD);
    await createServer(page, "Emoji Land");
    await page.waitForURL(/\/channels\/\d+\/\d+$/);
    const [, guildId] = /\/channels\/(\d+)\/(\d+)$/.exec(page.url()) ?? [];
    assert.ok(guildId);

    // Uploaded while the page is open: the picker learns it from GUILD_EMOJIS_UPDATE.
    const party = await apiAs<{ id: string }>(suite.nexus.baseUrl, "emoji_fan", "POST", `/guilds/${guildId}/emojis`, {
      name: "party_parrot",
      image: await emojiImage("orange"),
    });
    // `:par` in the composer offers it; Enter inserts the token, the next Enter sends.
    await composer(page).fill("hello :par");
    await page
      .getByRole("listbox", { name: "Emoji matching :par" })
      .getByRole("option", { name: /party_parrot/ })
      .waitFor();
    await composer(page).press("Enter");
    assert.equal(await composer(page).inputValue(), `hello <:party_parrot:${party.id}> `);
    await composer(page).pressSequentially("there");
    await composer(page).press("Enter");
    const sent = message(page, "hello");
    const inline = sent.getByRole("img", { name: ":party_parrot:" });
    await inline.waitFor();
    assert.equal(await inline.getAttribute("src"), `/media/emojis/${party.id}.png`);
    assert.ok(await inline.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), "it loaded");

    await sent.focus();
    await sent.getByRole("toolbar", { name: "Message actions" }).getByRole("button", { name: "Add reaction" }).click();
    const picker = page.getByRole("dialog", { name: "Emoji picker" });
    await picker.getByRole("combobox", { name: "Search emoji" }).fill("party");
    await picker.getByRole("option", { name: "party_parrot" }).waitFor();
    await picker.getByRole("combobox", { name: "Search emoji" }).press("Enter");
    const reaction = sent.getByRole("button", { name: /^:party_parrot: 1 reaction/ });
    await reaction.waitFor();
    await reaction.getByRole("img", { name: ":party_parrot:" }).waitFor();

    // The server agrees: the reaction is stored against the custom emoji.
    const stored = await apiAs<{ reactions: { emoji: { id: string; name: string } }[] }[]>(
      suite.nexus.baseUrl,
      "emoji_fan",
      "GET",
      `/channels/${/\/channels\/\d+\/(\d+)$/.exec(page.url())?.[1]}/messages?limit=1`,
    );
    assert.deepEqual(stored[0]?.reactions[0]?.emoji, { id: party.id, name: "party_parrot", animated: false });

    // Pressing it again takes the reaction back.
    await reaction.click();
    await reaction.waitFor({ state: "detached" });

    // The server settings manage them: upload from a file (named after it), rename, delete.
    await page.getByRole("button", { name: "Server settings" }).click();
    const settings = page.getByRole("dialog", { name: "Server settings" });
    await settings.getByRole("navigation").getByRole("button", { name: "Emoji" }).click();
    await settings.getByLabel("Image").setInputFiles({
      name: "blue blob.png",
      mimeType: "image/png",
      buffer: Buffer.from((await emojiImage("blue")).split(",")[1] ?? "", "base64"),
    });
    assert.equal(await settings.getByLabel(/^Emoji name/).inputValue(), "blue_blob");
    await settings.getByRole("button", { name: "Upload emoji" }).click();
    const list = settings.getByRole("list", { name: "Emoji" });
    const renamed = list.getByRole("textbox", { name: "Name of :blue_blob:" });
    await renamed.waitFor();
    await renamed.fill("ocean");
    await renamed.press("Enter");
    await list.getByRole("textbox", { name: "Name of :ocean:" }).waitFor();
    await list.getByRole("button", { name: "Delete :party_parrot:" }).click();
    await list.getByRole("button", { name: "Delete :party_parrot:" }).waitFor({ state: "detached" });
    const left = await apiAs<{ name: string }[]>(suite.nexus.baseUrl, "emoji_fan", "GET", `/guilds/${guildId}/emojis`);
    assert.deepEqual(
      left.map((e) => e.name),
      ["ocean"],
    );

    // The server's link-preview switch (server settings) and your own (user settings → Privacy & Safety).
    await settings.getByRole("navigation").getByRole("button", { name: "Link Previews" }).click();
    const serverSwitch = settings.getByRole("checkbox", { name: "Show previews of links posted in this server" });
    // The switch stays disabled until the server's current setting has loaded.
    await eventually(() => serverSwitch.isEnabled());
    assert.equal(await serverSwitch.isChecked(), true);
    await serverSwitch.uncheck();
    await eventually(async () => {
      const now = await apiAs<{ enabled: boolean }>(
        suite.nexus.baseUrl,
        "emoji_fan",
        "GET",
        `/guilds/${guildId}/link-previews`,
      );
      return now.enabled === false;
    });
    await page.keyboard.press("Escape");
    await page.getByRole("button", { name: "User settings" }).click();
    const userSettings = page.getByRole("dialog", { name: "User settings" });
    await userSettings.getByRole("navigation").getByRole("button", { name: "Privacy & Safety" }).click();
    const mine = userSettings.getByRole("checkbox", { name: "Show previews of links I post" });
    await eventually(() => mine.isEnabled());
    await mine.uncheck();
    await eventually(async () => {
      const now = await apiAs<{ enabled: boolean }>(
        suite.nexus.baseUrl,
        "emoji_fan",
        "GET",
        "/users/@me/link-previews",
      );
      return now.enabled === false;
    });
    await context.close();
  });
});
