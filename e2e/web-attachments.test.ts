/**
 * Browser end-to-end files: one person attaches an image (with alt text) and a spoilered text file from the
 * composer; the other sees the image load (through the media cookie, not a token in the URL), opens it in the
 * lightbox, and reveals the spoiler to find a download card. Avatars and server icons are set from settings.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Page } from "playwright-core";
import sharp from "sharp";
import { browserSkipReason, DESKTOP, newContext } from "./support/browser.js";
import { createServer, invitePath, register, registerAndJoin } from "./support/flows.js";
import { useBrowserSuite } from "./support/suite.js";

const skip = browserSkipReason();
const PASSWORD = "correct horse battery";

const log = (page: Page) => page.getByRole("log", { name: "Messages in #general" });
const composer = (page: Page) => page.getByRole("textbox", { name: "Message #general" });

describe("web client: attachments", { skip }, () => {
  const suite = useBrowserSuite();

  test("attach, upload with progress, send without text, view, lightbox, spoiler", async () => {
    const alice = await (await newContext(suite.browser, suite.nexus.baseUrl, DESKTOP)).newPage();
    const bob = await (await newContext(suite.browser, suite.nexus.baseUrl, DESKTOP)).newPage();
    await register(alice, "alice", PASSWORD);
    await createServer(alice, "Photo Club");
    await registerAndJoin(bob, "bob", PASSWORD, await invitePath(alice));
    await composer(alice).waitFor();

    const png = await sharp({ create: { width: 320, height: 200, channels: 3, background: "teal" } })
      .png()
      .toBuffer();
    await alice.locator('input[type="file"]').setInputFiles([
      { name: "sunset.png", mimeType: "image/png", buffer: png },
      { name: "ending.txt", mimeType: "text/plain", buffer: Buffer.from("the butler did it") },
    ]);
    const tray = alice.getByRole("list", { name: "Files to send" });
    await tray.getByText("sunset.png").waitFor();
    await tray.getByRole("listitem").filter({ hasText: "ending.txt" }).getByLabel("Spoiler").check();
    await tray.getByLabel("Alt text for sunset.png").fill("A teal sunset");
    const send = alice.getByRole("button", { name: "Send message" });
    await alice.waitForFunction(() => {
      const button = document.querySelector<HTMLButtonElement>('button[aria-label="Send message"]');
      return button !== null && !button.disabled;
    });
    await send.click();
    await tray.waitFor({ state: "detached" });

    const image = log(bob).getByRole("img", { name: "A teal sunset" });
    await image.waitFor();
    await bob.waitForFunction(
      () => (document.querySelector('img[alt="A teal sunset"]') as HTMLImageElement | null)?.naturalWidth === 320,
    );
    await image.click();
    const lightbox = bob.getByRole("dialog", { name: "sunset.png" });
    await lightbox.getByRole("link", { name: "Open original" }).waitFor();
    await bob.keyboard.press("Escape");
    await lightbox.waitFor({ state: "hidden" });

    await log(bob).getByRole("button", { name: "Spoiler" }).click();
    const card = log(bob).getByRole("link", { name: "ending.txt" });
    await card.waitFor();
    const response = await bob.request.get(suite.nexus.baseUrl + ((await card.getAttribute("href")) ?? ""));
    assert.equal(response.status(), 200, "the cookie set for this session downloads the file");
    assert.equal(await response.text(), "the butler did it");
    assert.match(response.headers()["content-disposition"] ?? "", /^attachment;/);
  });

  test("avatar and server icon from settings", async () => {
    const page = await (await newContext(suite.browser, suite.nexus.baseUrl, DESKTOP)).newPage();
    await register(page, "carol", PASSWORD);
    await createServer(page, "Carol's Corner");
    const photo = await sharp({ create: { width: 300, height: 200, channels: 3, background: "orange" } })
      .jpeg()
      .toBuffer();

    await page.getByRole("button", { name: "User settings" }).click();
    const settings = page.getByRole("dialog", { name: "User settings" });
    await settings.getByRole("navigation").getByRole("button", { name: "My Account" }).click();
    await settings.getByLabel("Avatar", { exact: true }).setInputFiles({
      name: "me.jpg",
      mimeType: "image/jpeg",
      buffer: photo,
    });
    const crop = page.getByRole("dialog", { name: "Crop avatar" });
    const zoom = crop.getByRole("slider", { name: "Zoom" });
    await zoom.fill("2");
    await crop.getByLabel("Crop area", { exact: false }).press("+");
    await crop.getByLabel("Crop area", { exact: false }).press("ArrowLeft");
    assert.equal(await zoom.inputValue(), "2.1", "+ zooms in from the keyboard");
    await crop.getByRole("button", { name: "Apply" }).click();
    await settings.getByRole("img", { name: "Current avatar" }).waitFor();
    await page.keyboard.press("Escape");
    await page.waitForFunction(() =>
      [...document.querySelectorAll<HTMLImageElement>("img.avatar")].some((img) => img.naturalWidth === 128),
    );

    await page.getByRole("button", { name: "Server settings" }).click();
    const server = page.getByRole("dialog", { name: "Server settings" });
    await server.getByRole("navigation").getByRole("button", { name: "Overview" }).click();
    await server
      .getByLabel("Icon", { exact: true })
      .setInputFiles({ name: "icon.jpg", mimeType: "image/jpeg", buffer: photo });
    await page.getByRole("dialog", { name: "Crop icon" }).getByRole("button", { name: "Apply" }).click();
    await server.getByRole("img", { name: "Current icon" }).waitFor();
  });
});
