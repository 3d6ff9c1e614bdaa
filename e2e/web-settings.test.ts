/** Browser end-to-end: user settings — profile, two-factor, devices, appearance and the delete-account guard. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Page } from "playwright-core";
import { totpCode } from "../packages/server/src/test-support/totp.js";
import { browserSkipReason, PHONE, screenshot, unnamedControls } from "./support/browser.js";
import { createServer, logIn, register } from "./support/flows.js";
import { useBrowserSuite } from "./support/suite.js";

const skip = browserSkipReason();
const PASSWORD = "correct horse battery";

async function openSettings(page: Page, section: string) {
  await page.getByRole("button", { name: "User settings" }).click();
  const layer = page.getByRole("dialog", { name: "User settings" });
  await layer.getByRole("navigation").getByRole("button", { name: section }).click();
  await layer.getByRole("heading", { name: section, level: 1 }).waitFor();
  return layer;
}

describe("web client: user settings", { skip }, () => {
  const suite = useBrowserSuite();

  test("profile, appearance and Escape: changes show at once and the theme survives a reload", async () => {
    const page = await suite.page();
    await register(page, "dora", PASSWORD);
    const layer = await openSettings(page, "My Account");
    await layer.getByLabel("Display name").fill("Dora the Admin");
    await layer.getByLabel("Pronouns").fill("she/her");
    await layer.getByRole("button", { name: "Save changes" }).click();
    await layer.getByRole("status").getByText("Saved").waitFor();
    assert.deepEqual(await unnamedControls(page), []);
    await screenshot(page, "desktop-user-settings");

    await layer.getByRole("navigation").getByRole("button", { name: "Appearance" }).click();
    await layer.getByLabel("Light").check();
    await layer.getByLabel("Compact").check();
    await layer.getByLabel("Chat font scaling").selectOption({ label: "Large (18 px)" });
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), "light");
    await screenshot(page, "desktop-user-settings-appearance-light");
    await page.keyboard.press("Escape");
    await layer.waitFor({ state: "hidden" });
    await page.getByRole("region", { name: "Your account" }).getByText("Dora the Admin").waitFor();

    await page.reload();
    await page.getByRole("heading", { name: "Welcome to Nexus" }).waitFor();
    const saved = await page.evaluate(() => ({
      theme: document.documentElement.dataset.theme,
      density: document.documentElement.dataset.density,
      scale: document.documentElement.style.getPropertyValue("--font-scale"),
    }));
    assert.deepEqual(saved, { theme: "light", density: "compact", scale: "1.125" });
    await page.context().close();
  });

  test("two-factor: enroll with the shown key and a code, then login asks for a code", async () => {
    const page = await suite.page();
    await register(page, "erin", PASSWORD);
    const layer = await openSettings(page, "Security");
    await layer.getByLabel("Password").fill(PASSWORD);
    await layer.getByRole("button", { name: "Enable two-factor" }).click();
    await layer.getByRole("img", { name: "QR code to add Nexus to your authenticator" }).waitFor();
    const secret = (await layer.locator(".totp-secret").textContent())?.replace(/\s/g, "") ?? "";
    assert.match(secret, /^[A-Z2-7]{16,}$/);
    await screenshot(page, "desktop-two-factor-enroll");
    await layer.getByLabel("Authentication code").fill(totpCode(secret));
    await layer.getByRole("button", { name: "Activate" }).click();
    await layer.getByText("Two-factor authentication is on.").waitFor();

    const other = await suite.page();
    await other.goto("/login");
    await other.getByLabel(/^Username/).fill("erin");
    await other.getByLabel(/^Password/).fill(PASSWORD);
    await other.getByRole("button", { name: "Log in" }).click();
    await other.getByLabel(/code/i).first().waitFor();
    await page.context().close();
    await other.context().close();
  });

  test("devices: log out all other devices ends the other browser's session", async () => {
    const phone = await suite.page(PHONE);
    await register(phone, "finn", PASSWORD);
    const laptop = await suite.page();
    await logIn(laptop, "finn", PASSWORD);

    await phone.getByRole("button", { name: "Open servers and channels" }).click();
    const layer = await openSettings(phone, "Devices");
    const devices = layer.getByRole("list", { name: "Devices" }).getByRole("listitem");
    await phone.waitForFunction(() => document.querySelectorAll(".session-item").length === 2);
    assert.equal(await devices.count(), 2);
    await devices.filter({ hasText: "This device" }).waitFor();
    await screenshot(phone, "phone-user-settings-devices");
    assert.deepEqual(await unnamedControls(phone), []);
    await layer.getByRole("button", { name: "Log out all other devices" }).click();
    await layer.getByText("1 other device was logged out.").waitFor();
    assert.equal(await devices.count(), 1);

    await laptop.waitForURL(/\/login/, { timeout: 20_000 });
    await phone.context().close();
    await laptop.context().close();
  });

  test("delete account: refused while the user owns a server, with the reason shown", async () => {
    const page = await suite.page();
    await register(page, "gus", PASSWORD);
    await createServer(page, "Gus Hall");
    const layer = await openSettings(page, "Privacy & Safety");
    await layer.getByText(/You own a server \(Gus Hall\)/).waitFor();
    await layer.getByLabel("Nobody").check();
    await layer.getByRole("button", { name: "Delete account" }).click();
    const confirm = page.getByRole("dialog", { name: "Delete account" });
    await confirm.getByLabel(/^Password/).fill(PASSWORD);
    await confirm.getByRole("button", { name: "Delete account" }).click();
    await confirm
      .getByRole("alert")
      .getByText(/transfer ownership or delete it/)
      .waitFor();
    await screenshot(page, "desktop-delete-account-refused");
    await page.keyboard.press("Escape");
    await confirm.waitFor({ state: "hidden" });
    await layer.waitFor();

    await page.keyboard.press("Escape");
    await layer.waitFor({ state: "hidden" });

    await page.reload();
    const again = await openSettings(page, "Privacy & Safety");
    await page.waitForFunction(() => !document.querySelector("fieldset[aria-busy=true]"));
    assert.equal(await again.getByLabel("Nobody").isChecked(), true, "the DM setting was saved on the server");
    await page.context().close();
  });
});
