/**
 * Browser end-to-end: notification settings. Muting a channel from the bell in its header fades it in the sidebar,
 * a new message there no longer makes it bold, the mute reaches the user's other tab live and survives a reload.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Page } from "playwright-core";
import { browserSkipReason, unnamedControls } from "./support/browser.js";
import { createChannel, createServer, invitePath, register, registerAndJoin } from "./support/flows.js";
import { useBrowserSuite } from "./support/suite.js";

const PASSWORD = "correct horse battery";

const channelLink = (page: Page, name: RegExp) =>
  page.getByRole("navigation", { name: "Channels" }).getByRole("link", { name });

async function send(page: Page, channel: string, text: string): Promise<void> {
  const composer = page.getByRole("textbox", { name: `Message #${channel}` });
  await composer.fill(text);
  await composer.press("Enter");
  await page
    .getByRole("log", { name: `Messages in #${channel}` })
    .getByRole("article")
    .filter({ hasText: text })
    .waitFor();
}

describe("web client: notification settings", { skip: browserSkipReason() }, () => {
  const suite = useBrowserSuite();

  test("a muted channel looks muted, stays quiet when someone writes there, and is still muted after a reload", async () => {
    const alice = await suite.page();
    await register(alice, "alice", PASSWORD);
    await createServer(alice, "Quiet Place");
    const path = await invitePath(alice);
    await createChannel(alice, "random");
    const bob = await suite.page();
    await registerAndJoin(bob, "bob", PASSWORD, path);
    // Bob also has the app open in another tab: his settings reach it live.
    const bobElsewhere = await bob.context().newPage();
    await bobElsewhere.goto(bob.url());
    await channelLink(bobElsewhere, /^random \(text channel\)$/).waitFor();

    // Bob mutes #random from the bell in its header; Escape closes the menu without changing anything.
    await channelLink(bob, /^random \(text channel\)/).click();
    const bell = bob.getByRole("button", { name: "Notification settings", exact: true });
    await bell.click();
    const menu = bob.getByRole("menu", { name: "Notification settings", exact: true });
    await menu.getByRole("menuitemradio", { name: "Use server default" }).waitFor();
    assert.equal(
      await menu.getByRole("menuitemradio", { name: "Use server default" }).getAttribute("aria-checked"),
      "true",
    );
    assert.deepEqual(await unnamedControls(bob), []);
    await bob.keyboard.press("Escape");
    await menu.waitFor({ state: "detached" });
    await bell.click();
    await menu.getByRole("menuitem", { name: "Until I turn it back on" }).click();
    await channelLink(bob, /^random \(text channel\), muted$/).waitFor();
    await channelLink(bobElsewhere, /^random \(text channel\), muted$/).waitFor();
    await bobElsewhere.close();

    // Alice writes in #random, then in #general; once Bob sees the second, the first has reached him too.
    await channelLink(bob, /^general \(text channel\)/).click();
    await send(alice, "random", "anyone around?");
    await channelLink(alice, /^general \(text channel\)/).click();
    await send(alice, "general", "hello general");
    await bob.getByRole("log", { name: "Messages in #general" }).getByText("hello general").waitFor();
    const random = channelLink(bob, /^random \(text channel\)/);
    assert.equal(await random.getAttribute("aria-label"), "random (text channel), muted", "muted: not unread");
    assert.match((await random.getAttribute("class")) ?? "", /channel-link-muted/);
    assert.doesNotMatch((await random.getAttribute("class")) ?? "", /channel-link-unread/);

    // The mute is stored on the server: after a reload #random is still muted and still not bold.
    await bob.reload();
    await channelLink(bob, /^random \(text channel\), muted$/).waitFor();
    assert.doesNotMatch((await random.getAttribute("class")) ?? "", /channel-link-unread/);

    // Unmuting from the same menu brings back what was waiting there.
    await random.click();
    await bell.click();
    await menu.getByRole("menuitem", { name: "Unmute channel" }).click();
    await channelLink(bob, /^random \(text channel\)$/).waitFor();

    // The server's own menu: Bob asks only for @mentions, and the choice is shown when he opens it again.
    const serverBell = bob.getByRole("button", { name: "Server notification settings" });
    await serverBell.click();
    const serverMenu = bob.getByRole("menu", { name: "Server notification settings" });
    assert.equal(
      await serverMenu.getByRole("menuitemradio", { name: "All messages" }).getAttribute("aria-checked"),
      "true",
    );
    await serverMenu.getByRole("menuitemradio", { name: "Only @mentions" }).click();
    await serverMenu.waitFor({ state: "detached" });
    await serverBell.click();
    await bob
      .getByRole("menu", { name: "Server notification settings" })
      .getByRole("menuitemradio", { name: "Only @mentions", checked: true })
      .waitFor();
  });
});
