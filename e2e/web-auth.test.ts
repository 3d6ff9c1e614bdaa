/** Browser end-to-end: two people register in their own browsers, see the app, reload, log out and back in. */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser } from "playwright-core";
import {
  browserSkipReason,
  DESKTOP,
  launchBrowser,
  newContext,
  PHONE,
  screenshot,
  unnamedControls,
} from "./support/browser.js";
import { register } from "./support/flows.js";
import { buildWebClient, type NexusProcess, startNexus } from "./support/nexus-process.js";

const skip = browserSkipReason();

describe("web client: accounts", { skip }, () => {
  let webDir: string;
  let nexus: NexusProcess;
  let browser: Browser;

  before(async () => {
    webDir = await buildWebClient();
    nexus = await startNexus(webDir);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await nexus?.[Symbol.asyncDispose]();
  });

  test("two people register in separate browsers and land in the app", async () => {
    const alice = await (await newContext(browser, nexus.baseUrl, DESKTOP)).newPage();
    const bob = await (await newContext(browser, nexus.baseUrl, PHONE)).newPage();

    const [aliceCodes, bobCodes] = await Promise.all([
      register(alice, "alice", "correct horse battery", "desktop"),
      register(bob, "bob.builder", "correct horse battery", "phone"),
    ]);
    assert.equal(aliceCodes.length, 10);
    assert.match(aliceCodes[0] ?? "", /^[a-z0-9]{4}(-[a-z0-9]{4}){3}$/);
    assert.notDeepEqual(aliceCodes, bobCodes);

    await alice.getByRole("heading", { name: "Welcome to Nexus" }).waitFor();
    assert.equal(await alice.title(), "Friends | Nexus");
    assert.equal(
      await alice.getByRole("region", { name: "Your account" }).getByText("alice").first().isVisible(),
      true,
    );
    await screenshot(alice, "desktop-home");
    assert.deepEqual(await unnamedControls(alice), []);

    // On a phone the servers and channels live in a drawer behind the menu button.
    await bob.getByRole("heading", { name: "Welcome to Nexus" }).waitFor();
    await screenshot(bob, "phone-home");
    await bob.getByRole("button", { name: "Open servers and channels" }).click();
    await bob.getByRole("navigation", { name: "Servers" }).getByRole("button", { name: "Create a server" }).waitFor();
    await screenshot(bob, "phone-navigation-drawer");
    await bob.keyboard.press("Escape");
    assert.deepEqual(await unnamedControls(bob), []);

    await alice.getByRole("button", { name: "Create a server" }).first().click();
    await alice.getByRole("dialog", { name: "Create your server" }).waitFor();
    await screenshot(alice, "desktop-create-server-dialog");
    await alice.keyboard.press("Escape");
    await alice.getByRole("dialog").waitFor({ state: "hidden" });

    await alice.context().close();
    await bob.context().close();
  });

  test("the session survives a reload, and log out then log in works", async () => {
    const context = await newContext(browser, nexus.baseUrl);
    const page = await context.newPage();
    await register(page, "carol", "correct horse battery");
    const before = await page.evaluate(() => localStorage.getItem("nexus.refresh_token"));

    await page.reload();
    await page.getByRole("heading", { name: "Welcome to Nexus" }).waitFor();
    const after = await page.evaluate(() => localStorage.getItem("nexus.refresh_token"));
    assert.ok(after && after !== before, "a reload rotates the stored refresh token");

    await page.getByRole("button", { name: "Log out" }).click();
    await page.waitForURL(/\/login/);
    assert.equal(await page.evaluate(() => localStorage.getItem("nexus.refresh_token")), null);

    await page.getByLabel(/^Username/).fill("carol");
    await page.getByLabel(/^Password/).fill("wrong password!");
    await page.getByRole("button", { name: "Log in" }).click();
    await page.getByText("Login or password is invalid.").first().waitFor();
    await screenshot(page, "desktop-login-error");

    await page.getByLabel(/^Password/).fill("correct horse battery");
    await page.getByRole("button", { name: "Log in" }).click();
    await page.waitForURL(/\/channels\/@me$/);
    await context.close();
  });

  test("a signed-out visit to an app route comes back there after login", async () => {
    const context = await newContext(browser, nexus.baseUrl);
    const page = await context.newPage();
    await page.goto("/channels/@me");
    await page.waitForURL(/\/login\?next=%2Fchannels%2F%40me/);
    await page.getByRole("link", { name: "Register" }).click();
    await page.waitForURL(/\/register\?next=/);
    await context.close();
  });
});
