/** Steps people take in the UI, shared by the browser suites. */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { screenshot } from "./browser.js";

/** The password every browser suite gives its people. */
export const PASSWORD = "correct horse battery";

/** A REST call as a user (logging in afresh), for setup the UI under test does not cover. */
export async function apiAs<T>(
  baseUrl: string,
  username: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  const { access_token } = (await login.json()) as { access_token: string };
  const response = await fetch(`${baseUrl}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${access_token}`, "content-type": "application/json" },
    body: body === undefined ? null : JSON.stringify(body),
  });
  const text = await response.text();
  assert.ok(response.ok, `${method} ${path}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Registers through the API (for suites that test something other than sign-up) and logs in through the UI. */
export async function registerByApiAndLogIn(page: Page, baseUrl: string, username: string): Promise<void> {
  const response = await fetch(`${baseUrl}/api/v1/auth/register`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  assert.equal(response.status, 201);
  await logIn(page, username, PASSWORD);
}

/** A channel's link in the server's channel sidebar, by its accessible name ("general (text channel), unread"). */
export const channelLink = (page: Page, name: RegExp) =>
  page.getByRole("navigation", { name: "Channels" }).getByRole("link", { name });

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

/** Logs in from a fresh page and waits for the home screen. */
export async function logIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto("/login");
  await page.getByLabel(/^Username/).fill(username);
  await page.getByLabel(/^Password/).fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.waitForURL(/\/channels\/@me$/);
}

/** Creates a server through the dialog and waits for its first channel. */
export async function createServer(page: Page, name: string): Promise<void> {
  await page.getByRole("button", { name: "Create a server" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Create your server" });
  await dialog.getByLabel(/^Server name/).fill(name);
  await dialog.getByRole("button", { name: "Create" }).click();
  await page.waitForURL(/\/channels\/\d+\/\d+$/);
  await shown(page, name);
}

/**
 * Waits until the server's channel is on screen, not just in the address bar: the router renders a navigation
 * in a transition (the message pane may still be loading), and a tap meanwhile lands on the page being left.
 */
async function shown(page: Page, guildName?: string): Promise<void> {
  await page.waitForFunction(
    (name) => /^#.+ \| .+ \| Nexus$/.test(document.title) && (!name || document.title.endsWith(` | ${name} | Nexus`)),
    guildName,
  );
}

/** Opens the invite dialog in the current server and returns the invite link's path. */
export async function invitePath(page: Page): Promise<string> {
  await page.getByRole("button", { name: "Invite people" }).click();
  const dialog = page.getByRole("dialog", { name: /^Invite friends to/ });
  await page.waitForFunction(() => (document.getElementById("invite-link") as HTMLInputElement | null)?.value);
  const link = await dialog.getByLabel("Send a server invite link to a friend").inputValue();
  await dialog.getByRole("button", { name: "Done" }).click();
  return new URL(link).pathname;
}

/** Registers a new account and joins the server behind `path` (an /invite/CODE path). */
export async function registerAndJoin(page: Page, username: string, password: string, path: string): Promise<void> {
  await register(page, username, password);
  await page.goto(path);
  await page.getByRole("button", { name: "Accept invite" }).click();
  await page.waitForURL(/\/channels\/\d+\/\d+$/);
  await shown(page);
}

/** Creates a text channel in the current server through the dialog and waits for it to open. */
export async function createChannel(page: Page, name: string): Promise<void> {
  await page.getByRole("button", { name: "Create channel" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Create channel" });
  await dialog.getByLabel(/^Channel name/).fill(name);
  await dialog.getByRole("button", { name: "Create" }).click();
  await page.getByRole("heading", { name: `Welcome to #${name.toLowerCase().replace(/\s+/g, "-")}!` }).waitFor();
}
