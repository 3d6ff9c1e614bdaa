/** Steps people take in the UI, shared by the browser suites. */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { screenshot } from "./browser.js";

/** Registers from wherever the page is (login or register screen), confirms the recovery codes, returns them. */
export async function registerHere(page: Page, username: string, password: string, shots?: string): Promise<string[]> {
  if (!/\/register/.test(page.url())) await page.getByRole("link", { name: /Register/ }).click();
  await page.getByLabel(/^Username/).fill(username);
  await page.getByLabel(/^Password/).fill(password);
  if (shots) await screenshot(page, `${shots}-register`);
  await page.getByRole("button", { name: "Continue" }).click();

  const codes = page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem");
  await codes.first().waitFor();
  const recoveryCodes = await codes.allTextContents();
  if (shots) await screenshot(page, `${shots}-recovery-codes`);
  const proceed = page.getByRole("button", { name: "Continue to Nexus" });
  assert.equal(await proceed.isDisabled(), true, "cannot continue before confirming the codes were saved");
  await page.getByLabel("I saved my recovery codes somewhere safe").check();
  await proceed.click();
  return recoveryCodes;
}

/** Opens the app signed out, registers, and waits for the home screen. */
export async function register(page: Page, username: string, password: string, shots?: string): Promise<string[]> {
  await page.goto("/");
  await page.waitForURL(/\/login/);
  if (shots) await screenshot(page, `${shots}-login`);
  const codes = await registerHere(page, username, password, shots);
  await page.waitForURL(/\/channels\/@me$/);
  return codes;
}
