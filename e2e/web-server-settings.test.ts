/**
 * Browser end-to-end: running a server. The owner hides a channel with the permission editor and it disappears
 * live for a member; a role granting Manage Channels makes the member's channel controls appear live.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { browserSkipReason, PHONE, screenshot, unnamedControls } from "./support/browser.js";
import { createChannel, createServer, invitePath, register, registerAndJoin } from "./support/flows.js";
import { useBrowserSuite } from "./support/suite.js";

const skip = browserSkipReason();
const PASSWORD = "correct horse battery";

describe("web client: server settings", { skip }, () => {
  const suite = useBrowserSuite();

  test("the permission editor hides a channel and it disappears live for the other user", async () => {
    const owner = await suite.page();
    await register(owner, "olive", PASSWORD);
    await createServer(owner, "Perm Lab");
    await createChannel(owner, "Secret Plans");
    const path = await invitePath(owner);

    const member = await suite.page();
    await registerAndJoin(member, "milo", PASSWORD, path);
    const memberChannels = member.getByRole("navigation", { name: "Channels" });
    await memberChannels.getByRole("link", { name: /secret-plans/ }).waitFor();
    assert.equal(await member.getByRole("button", { name: "Server settings" }).count(), 0, "no settings for members");
    assert.equal(await member.getByRole("button", { name: "Create channel" }).count(), 0);

    await owner.getByRole("button", { name: "Edit secret-plans" }).click();
    const settings = owner.getByRole("dialog", { name: "Channel settings" });
    await settings.getByRole("navigation").getByRole("button", { name: "Permissions" }).click();
    const everyone = settings.getByRole("region", { name: "Permissions for @everyone" });
    await everyone.getByRole("group", { name: "View Channels" }).getByRole("radio", { name: "Deny" }).check();
    await screenshot(owner, "desktop-channel-permissions");
    assert.deepEqual(await unnamedControls(owner), []);
    await settings.getByRole("button", { name: "Save changes" }).click();
    await settings.getByRole("status").getByText("Saved").waitFor();

    await memberChannels.getByRole("link", { name: /secret-plans/ }).waitFor({ state: "detached", timeout: 20_000 });
    await memberChannels.getByRole("link", { name: /general/ }).waitFor();
    await owner.keyboard.press("Escape");
    await settings.waitFor({ state: "hidden" });
    await owner
      .getByRole("navigation", { name: "Channels" })
      .getByRole("link", { name: /secret-plans/ })
      .waitFor();

    // A role with Manage Channels, given to the member, shows them the channel controls without a reload.
    await owner.getByRole("button", { name: "Server settings" }).click();
    const server = owner.getByRole("dialog", { name: "Server settings" });
    await server.getByRole("navigation").getByRole("button", { name: "Roles" }).click();
    await server.getByRole("button", { name: "Create role" }).click();
    const editor = server.getByRole("region", { name: /^Edit role/ });
    await editor.getByLabel("Role name").fill("Mods");
    await editor.getByRole("switch", { name: "Manage Channels" }).check();
    await editor.getByRole("button", { name: "Save changes" }).click();
    await server.getByRole("button", { name: "Mods", exact: true }).waitFor();
    await screenshot(owner, "desktop-server-roles");
    await server.getByRole("navigation").getByRole("button", { name: "Members" }).click();
    await server.getByLabel("Add a role to milo").selectOption({ label: "Mods" });
    await server.getByRole("list", { name: "Roles of milo" }).getByText("Mods").waitFor();
    await screenshot(owner, "desktop-server-members");
    assert.deepEqual(await unnamedControls(owner), []);

    await member.getByRole("button", { name: "Create channel" }).first().waitFor({ timeout: 20_000 });
    await member.getByRole("button", { name: "Edit general", exact: true }).waitFor();

    await server.getByRole("navigation").getByRole("button", { name: "Audit Log" }).click();
    await server.getByText(/olive changed a member's roles milo/).waitFor();
    await owner.context().close();
    await member.context().close();
  });

  test("server settings at 360 px", async () => {
    const page = await suite.page(PHONE);
    await register(page, "petra", PASSWORD);
    await createServer(page, "Phone Server");
    await page.getByRole("button", { name: "Open servers and channels" }).click();
    await page.getByRole("button", { name: "Server settings" }).click();
    const server = page.getByRole("dialog", { name: "Server settings" });
    await server.getByLabel("Server name").fill("Phone Server 2");
    await server.getByRole("button", { name: "Save changes" }).click();
    await server.getByRole("status").getByText("Saved").waitFor();
    await screenshot(page, "phone-server-settings");
    assert.deepEqual(await unnamedControls(page), []);
    await page.context().close();
  });

  test("drag a channel onto another to take its place, out of its category", async () => {
    const page = await suite.page();
    await register(page, "dana", PASSWORD);
    await createServer(page, "Drag Strip");
    await createChannel(page, "news");
    const sidebar = page.getByRole("navigation", { name: "Channels" });
    const order = () => sidebar.getByRole("link").evaluateAll((links) => links.map((l) => l.textContent?.trim()));
    // A new channel without a category sits above the categories; drag #general out of its category above it.
    assert.deepEqual(await order(), ["news", "general", "General"]);
    await sidebar.getByRole("link", { name: /^general/ }).dragTo(sidebar.getByRole("link", { name: /^news/ }));
    const firstIs = (name: string) =>
      page.waitForFunction(
        (n) => document.querySelector("nav[aria-label=Channels] a")?.textContent?.trim() === n,
        name,
      );
    await firstIs("general");
    assert.deepEqual(await order(), ["general", "news", "General"]);
    await page.reload();
    await firstIs("general");
    assert.deepEqual(await order(), ["general", "news", "General"], "the order is saved on the server");
    await page.context().close();
  });

  test("a refused drag shows why and leaves the channel where it was", async () => {
    const page = await suite.page();
    await register(page, "remy", PASSWORD);
    await createServer(page, "No Moving");
    await createChannel(page, "news");
    // The server refusing the move (as it would after losing Manage Channels mid-drag).
    await page.route("**/api/v1/guilds/*/channels", (route) =>
      route.request().method() === "PATCH"
        ? route.fulfill({
            status: 403,
            contentType: "application/json",
            body: JSON.stringify({ error: { code: "MISSING_PERMISSIONS", message: "You lack Manage Channels." } }),
          })
        : route.continue(),
    );
    const sidebar = page.getByRole("navigation", { name: "Channels" });
    const order = () => sidebar.getByRole("link").evaluateAll((links) => links.map((l) => l.textContent?.trim()));
    await sidebar.getByRole("link", { name: /^general/ }).dragTo(sidebar.getByRole("link", { name: /^news/ }));
    const alert = page.getByRole("complementary").getByRole("alert");
    await alert.getByText("Couldn't move general: You lack Manage Channels.").waitFor();
    assert.deepEqual(await order(), ["news", "general", "General"]);
    await alert.waitFor({ state: "detached", timeout: 20_000 });
    await page.context().close();
  });
});
