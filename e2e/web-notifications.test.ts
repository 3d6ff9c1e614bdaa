/**
 * Browser end-to-end: notification settings. Muting a channel from the bell in its header fades it in the sidebar,
 * a new message there no longer makes it bold, the mute reaches the user's other tab live and survives a reload.
 * Levels decide what lights up: "only @mentions" leaves plain messages quiet, "nothing" also drops @everyone, a
 * channel's own level overrides its server's.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Page } from "playwright-core";
import { browserSkipReason, screenshot, unnamedControls } from "./support/browser.js";
import {
  apiAs,
  channelLink,
  createChannel,
  createServer,
  invitePath,
  PASSWORD,
  register,
  registerAndJoin,
} from "./support/flows.js";
import { useBrowserSuite } from "./support/suite.js";

const channelIdOf = (page: Page) => new URL(page.url()).pathname.split("/").at(-1) ?? "";

/** Picks a level in the server's or the channel's bell menu. */
async function chooseLevel(page: Page, scope: "Server notification settings" | "Notification settings", level: string) {
  await page.getByRole("button", { name: scope, exact: true }).click();
  const menu = page.getByRole("menu", { name: scope, exact: true });
  await menu.getByRole("menuitemradio", { name: level }).click();
  await menu.waitFor({ state: "detached" });
}

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

  test("levels: only @mentions keeps plain messages quiet, nothing drops @everyone, a channel overrides its server", async () => {
    const { baseUrl } = suite.nexus;
    const alice = await suite.page();
    await register(alice, "adele", PASSWORD);
    await createServer(alice, "Levels");
    const path = await invitePath(alice);
    const general = channelIdOf(alice);
    await createChannel(alice, "random");
    const random = channelIdOf(alice);
    await createChannel(alice, "offtopic");
    const bob = await suite.page();
    await registerAndJoin(bob, "bobby", PASSWORD, path);
    const bobId = (await apiAs<{ id: string }>(baseUrl, "bobby", "GET", "/users/@me")).id;
    // Bob's other tab shows his own server, so the rail's entry for Levels is one he is not looking at.
    const bobElsewhere = await bob.context().newPage();
    await bobElsewhere.goto("/channels/@me");
    await createServer(bobElsewhere, "Den");
    const levelsOnRail = bobElsewhere
      .getByRole("navigation", { name: "Servers" })
      .getByRole("link", { name: /^Levels/ });
    await levelsOnRail.waitFor();

    // The server asks only for @mentions; #random asks for everything.
    await chooseLevel(bob, "Server notification settings", "Only @mentions");
    await channelLink(bob, /^random \(text channel\)/).click();
    await chooseLevel(bob, "Notification settings", "All messages");
    await channelLink(bob, /^offtopic \(text channel\)/).click();
    await bob.getByRole("heading", { name: "Welcome to #offtopic!" }).waitFor();

    // A plain message in #general lights nothing; the mention after it shows a badge but no bold and no dot.
    await apiAs(baseUrl, "adele", "POST", `/channels/${general}/messages`, { content: "plain hello" });
    await apiAs(baseUrl, "adele", "POST", `/channels/${general}/messages`, { content: `over here <@${bobId}>` });
    await channelLink(bob, /^general \(text channel\), 1 mention$/).waitFor();
    assert.doesNotMatch((await channelLink(bob, /^general/).getAttribute("class")) ?? "", /channel-link-unread/);
    await bobElsewhere.getByRole("link", { name: "Levels, 1 mention", exact: true }).waitFor();
    assert.equal(await levelsOnRail.locator("xpath=..").getAttribute("class"), "rail-item");

    // #random's own level (all) beats the server's: a plain message there makes it bold and lights the dot.
    await apiAs(baseUrl, "adele", "POST", `/channels/${random}/messages`, { content: "random chatter" });
    await channelLink(bob, /^random \(text channel\), unread$/).waitFor();
    await bobElsewhere.getByRole("link", { name: "Levels, unread, 1 mention", exact: true }).waitFor();

    // At "nothing", @everyone no longer counts in #general, while the mention of Bob by name still does;
    // #random (all) still counts its @everyone. The level reaches the other tab live.
    await chooseLevel(bob, "Server notification settings", "Nothing");
    await apiAs(baseUrl, "adele", "POST", `/channels/${general}/messages`, { content: "@everyone meeting" });
    await apiAs(baseUrl, "adele", "POST", `/channels/${random}/messages`, { content: "@everyone meeting here too" });
    await channelLink(bob, /^random \(text channel\), unread, 1 mention$/).waitFor();
    await channelLink(bob, /^general \(text channel\), 1 mention$/).waitFor();
    await bobElsewhere.getByRole("link", { name: "Levels, unread, 2 mentions", exact: true }).waitFor();
    await screenshot(bob, "desktop-notification-levels");

    // Back to "all messages" for the server: #general's plain messages make it bold again.
    await chooseLevel(bob, "Server notification settings", "All messages");
    await channelLink(bob, /^general \(text channel\), unread, 2 mentions$/).waitFor();
    await bobElsewhere.getByRole("link", { name: "Levels, unread, 3 mentions", exact: true }).waitFor();

    // At 360 px the channel header (threads, pins, bell, search) still leaves room for the member list toggle.
    await bob.getByRole("button", { name: "Hide member list" }).click();
    await bob.setViewportSize({ width: 360, height: 740 });
    const toggle = bob.getByRole("button", { name: "Show member list" });
    const box = await toggle.boundingBox();
    assert.ok(box && box.x + box.width <= 360, `the member list toggle is off screen: ${JSON.stringify(box)}`);
    await screenshot(bob, "phone-channel-header");
    await toggle.click();
    await bob.getByRole("button", { name: "Hide member list" }).waitFor();
  });
});
