/** Browser end-to-end: friends (request by username, accept live), then a direct message between them. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { browserSkipReason, PHONE, screenshot, unnamedControls } from "./support/browser.js";
import {
  apiAs,
  createChannel,
  createServer,
  invitePath,
  PASSWORD,
  register,
  registerAndJoin,
} from "./support/flows.js";
import { useBrowserSuite } from "./support/suite.js";

const skip = browserSkipReason();

describe("web client: friends, direct messages and the quick switcher", { skip }, () => {
  const suite = useBrowserSuite();

  test("send a friend request by username, accept it live, then talk in a DM", async () => {
    const alice = await suite.page();
    await register(alice, "amy", PASSWORD);
    const bob = await suite.page(PHONE);
    await register(bob, "ben", PASSWORD);

    await alice.getByRole("navigation", { name: "Friends" }).getByRole("button", { name: "Add Friend" }).click();
    await alice.getByLabel("Username").fill("ben");
    await alice.getByRole("button", { name: "Send friend request" }).click();
    await alice.getByText("Success! Your friend request to ben was sent.").waitFor();
    await screenshot(alice, "desktop-add-friend");

    const bobTabs = bob.getByRole("navigation", { name: "Friends" });
    await bobTabs.getByRole("button", { name: /Pending/ }).click();
    await bob.getByRole("button", { name: "Accept friend request from amy" }).click();
    await bobTabs.getByRole("button", { name: "All" }).click();
    await bob.getByRole("list", { name: "All friends" }).getByText("amy", { exact: true }).waitFor();
    await screenshot(bob, "phone-friends");
    assert.deepEqual(await unnamedControls(bob), []);

    await alice.getByRole("navigation", { name: "Friends" }).getByRole("button", { name: "All" }).click();
    await alice.getByRole("button", { name: "Message ben" }).click();
    await alice.waitForURL(/\/channels\/@me\/\d+$/);
    const composer = alice.getByRole("textbox", { name: "Message @ben" });
    await composer.fill("hi ben, it's amy");
    await composer.press("Enter");
    await alice.getByText("hi ben, it's amy").waitFor();
    assert.equal(await alice.title(), "ben | Nexus");
    await screenshot(alice, "desktop-dm");
    assert.deepEqual(await unnamedControls(alice), []);

    // Bob's DM list gains the conversation live; he opens it and answers.
    await bob.getByRole("button", { name: "Open servers and channels" }).click();
    await bob.getByRole("list", { name: "Direct messages" }).getByRole("link", { name: /amy/ }).click();
    await bob.getByText("hi ben, it's amy").waitFor();
    const reply = bob.getByRole("textbox", { name: "Message @amy" });
    await reply.fill("hey amy");
    await reply.press("Enter");
    await alice.getByText("hey amy").waitFor();
    await screenshot(bob, "phone-dm");
    await alice.context().close();
    await bob.context().close();
  });

  test("removing a friend takes them off Online and All at once, and off the other person's lists live", async () => {
    const { baseUrl } = suite.nexus;
    const uma = await suite.page();
    await register(uma, "uma", PASSWORD);
    const vic = await suite.page();
    await register(vic, "vic", PASSWORD);
    const vicId = (await apiAs<{ id: string }>(baseUrl, "vic", "GET", "/users/@me")).id;
    const umaId = (await apiAs<{ id: string }>(baseUrl, "uma", "GET", "/users/@me")).id;
    await apiAs(baseUrl, "uma", "PUT", `/users/@me/relationships/${vicId}`, { type: "friend" });
    await apiAs(baseUrl, "vic", "PUT", `/users/@me/relationships/${umaId}`, { type: "friend" });

    // Both are online: each sees the other under Online (the tab the home page opens on).
    const online = (page: typeof uma) => page.getByRole("list", { name: "Online friends" });
    const all = (page: typeof uma) => page.getByRole("list", { name: "All friends" });
    await online(uma).getByText("vic", { exact: true }).waitFor();
    await online(vic).getByText("uma", { exact: true }).waitFor();
    await vic.getByRole("navigation", { name: "Friends" }).getByRole("button", { name: "All" }).click();
    await all(vic).getByText("uma", { exact: true }).waitFor();

    await uma.getByRole("button", { name: "Remove friend vic" }).click();
    await online(uma).getByText("vic", { exact: true }).waitFor({ state: "detached" });
    await uma.getByRole("heading", { name: "Online — 0" }).waitFor();
    await uma.getByRole("navigation", { name: "Friends" }).getByRole("button", { name: "All" }).click();
    await uma.getByRole("heading", { name: "All — 0" }).waitFor();
    // Vic's All list loses Uma live, and so does his Online list.
    await all(vic).getByText("uma", { exact: true }).waitFor({ state: "detached" });
    await vic.getByRole("heading", { name: "All — 0" }).waitFor();
    await vic.getByRole("navigation", { name: "Friends" }).getByRole("button", { name: "Online" }).click();
    await vic.getByRole("heading", { name: "Online — 0" }).waitFor();
    await screenshot(vic, "desktop-friends-after-unfriend");

    // No longer friends, Vic's status stops reaching Uma, so she must not keep the last one she saw. He goes
    // invisible (his second tab hearing it means the server has told everyone it was going to tell)...
    const vicElsewhere = await vic.context().newPage();
    await vicElsewhere.goto("/channels/@me");
    await vicElsewhere.getByRole("button", { name: "Set status (now Online)" }).waitFor();
    await vic.getByRole("button", { name: /^Set status/ }).click();
    const menu = vic.getByRole("dialog", { name: "Set your status" });
    await menu.getByLabel("Invisible").check();
    await menu.getByRole("button", { name: "Save" }).click();
    await vicElsewhere.getByRole("button", { name: "Set status (now Invisible)" }).waitFor();
    // ...then they are friends again: Uma sees him under All, offline, and not under Online.
    await apiAs(baseUrl, "uma", "PUT", `/users/@me/relationships/${vicId}`, { type: "friend" });
    await apiAs(baseUrl, "vic", "PUT", `/users/@me/relationships/${umaId}`, { type: "friend" });
    await all(uma).getByText("vic · Offline").waitFor();
    await uma.getByRole("navigation", { name: "Friends" }).getByRole("button", { name: "Online" }).click();
    await uma.getByRole("heading", { name: "Online — 0" }).waitFor();
    await uma.context().close();
    await vic.context().close();
  });

  test("Ctrl+K finds a channel by fuzzy name; Alt+Down moves to the next channel; Escape closes", async () => {
    const page = await suite.page();
    await register(page, "kit", PASSWORD);
    await createServer(page, "Switch Yard");
    for (const name of ["random", "game-night"]) await createChannel(page, name);
    await page.keyboard.press("Control+k");
    const switcher = page.getByRole("dialog", { name: "Find or start a conversation" });
    await switcher.getByRole("combobox").fill("gnit");
    await switcher.getByRole("option", { name: /#game-night/ }).waitFor();
    await screenshot(page, "desktop-quick-switcher");
    assert.deepEqual(await unnamedControls(page), []);
    await page.keyboard.press("Escape");
    await switcher.waitFor({ state: "hidden" });

    await page.keyboard.press("Control+k");
    await switcher.getByRole("combobox").fill("rand");
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "Welcome to #random!" }).waitFor();
    await page.keyboard.press("Alt+ArrowDown");
    await page.getByRole("heading", { name: "Welcome to #game-night!" }).waitFor();
    await page.keyboard.press("Alt+ArrowUp");
    await page.getByRole("heading", { name: "Welcome to #random!" }).waitFor();
    await page.context().close();
  });

  test("status menu: do not disturb with a custom status shows on the profile card of a member who just joined", async () => {
    const host = await suite.page();
    await register(host, "hana", PASSWORD);
    await createServer(host, "Status Club");
    await host.getByRole("button", { name: /^Set status/ }).click();
    const menu = host.getByRole("dialog", { name: "Set your status" });
    await menu.getByLabel("Do Not Disturb").check();
    await menu.getByLabel("What's happening?").fill("deep work");
    await screenshot(host, "desktop-status-menu");
    await menu.getByRole("button", { name: "Save" }).click();
    await host.getByRole("button", { name: "Set status (now Do Not Disturb: deep work)" }).waitFor();
    const path = await invitePath(host);

    const guest = await suite.page();
    await registerAndJoin(guest, "gabe", PASSWORD, path);
    // Hana was online before Gabe joined: her presence reaches him with the guild.
    const members = guest.getByRole("complementary", { name: "Members" });
    await members.getByRole("button", { name: /hana.*Do not disturb/ }).click();
    const card = guest.getByRole("dialog", { name: "hana" });
    await card.getByText("Do Not Disturb").waitFor();
    await screenshot(guest, "desktop-profile-card");
    await card.getByRole("button", { name: "Add friend" }).click();
    await card.getByRole("button", { name: "Add friend" }).waitFor({ state: "detached" });
    await host.getByRole("navigation", { name: "Friends" }).waitFor({ state: "detached" });
    await host.getByRole("link", { name: "Direct messages" }).click();
    await host
      .getByRole("navigation", { name: "Friends" })
      .getByRole("button", { name: /Pending/ })
      .click();
    await host.getByRole("button", { name: "Accept friend request from gabe" }).waitFor();
    await host.context().close();
    await guest.context().close();
  });

  test("a group DM: create it from friends, rename it, remove a member, leave", async () => {
    const names = ["gina", "gus", "gail"];
    const [owner, second, third] = await Promise.all(names.map(() => suite.page()));
    if (!owner || !second || !third) throw new Error("three pages");
    for (const [i, page] of [owner, second, third].entries()) await register(page, names[i] ?? "", PASSWORD);
    for (const friend of ["gus", "gail"]) {
      await owner.getByRole("navigation", { name: "Friends" }).getByRole("button", { name: "Add Friend" }).click();
      await owner.getByLabel("Username").fill(friend);
      await owner.getByRole("button", { name: "Send friend request" }).click();
      await owner.getByText(`Success! Your friend request to ${friend} was sent.`).waitFor();
    }
    for (const page of [second, third]) {
      await page
        .getByRole("navigation", { name: "Friends" })
        .getByRole("button", { name: /Pending/ })
        .click();
      await page.getByRole("button", { name: "Accept friend request from gina" }).click();
      await page.getByRole("button", { name: "Accept friend request from gina" }).waitFor({ state: "detached" });
    }

    await owner.getByRole("button", { name: "Create DM" }).click();
    const pick = owner.getByRole("dialog", { name: "Select friends" });
    await pick.getByLabel("gus").check();
    await pick.getByLabel("gail").check();
    await pick.getByRole("button", { name: "Create group DM" }).click();
    await owner.waitForURL(/\/channels\/@me\/\d+$/);
    const panel = owner.getByRole("complementary", { name: "Group members" });
    await panel.getByLabel("Group name").fill("Trio");
    await panel.getByLabel("Group name").press("Enter");
    await third.getByRole("list", { name: "Direct messages" }).getByRole("link", { name: /Trio/ }).waitFor();
    await screenshot(owner, "desktop-group-dm");

    await panel.getByRole("button", { name: "Remove gail from the group" }).click();
    await third
      .getByRole("list", { name: "Direct messages" })
      .getByRole("link", { name: /Trio/ })
      .waitFor({ state: "detached" });
    await second.getByRole("list", { name: "Direct messages" }).getByRole("link", { name: /Trio/ }).click();
    await second.getByRole("button", { name: "Leave group" }).click();
    await second.waitForURL(/\/channels\/@me$/);
    await panel.getByText(/^Members — 1$/).waitFor();
    for (const page of [owner, second, third]) await page.context().close();
  });
});
