/** Browser end-to-end: one person creates a server and an invite; another joins through the link and both see it live. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { browserSkipReason, DESKTOP, newContext, PHONE, screenshot, unnamedControls } from "./support/browser.js";
import { register, registerHere } from "./support/flows.js";
import { useBrowserSuite } from "./support/suite.js";

const skip = browserSkipReason();

describe("web client: servers and invites", { skip }, () => {
  const suite = useBrowserSuite();

  test("create a server, invite a friend who registers through the link, see them join live", async () => {
    const alice = await (await newContext(suite.browser, suite.nexus.baseUrl, DESKTOP)).newPage();
    await register(alice, "alice", "correct horse battery");

    await alice.getByRole("button", { name: "Create a server" }).first().click();
    const create = alice.getByRole("dialog", { name: "Create your server" });
    await create.getByLabel(/^Server name/).fill("Night Owls");
    await create.getByRole("button", { name: "Create" }).click();
    await alice.waitForURL(/\/channels\/\d+\/\d+$/);
    await alice.getByRole("heading", { name: "Welcome to #general!" }).waitFor();
    assert.equal(await alice.title(), "#general | Night Owls | Nexus");
    const rail = alice.getByRole("navigation", { name: "Servers" });
    await rail.getByRole("link", { name: "Night Owls" }).waitFor();
    const members = alice.getByRole("complementary", { name: "Members" });
    await members.getByText("alice").waitFor();
    await screenshot(alice, "desktop-channel");
    assert.deepEqual(await unnamedControls(alice), []);

    await alice.getByRole("button", { name: "Invite people" }).click();
    const inviteDialog = alice.getByRole("dialog", { name: "Invite friends to Night Owls" });
    const linkField = inviteDialog.getByLabel("Send a server invite link to a friend");
    await alice.waitForFunction(() => (document.getElementById("invite-link") as HTMLInputElement | null)?.value);
    const link = await linkField.inputValue();
    assert.match(link, /\/invite\/[A-Za-z0-9]{8,}$/);
    await screenshot(alice, "desktop-invite-dialog");
    await inviteDialog.getByRole("button", { name: "Done" }).click();

    // Bob, on a phone and signed out, opens the link: he sees the server, registers, and comes back to join.
    const bob = await (await newContext(suite.browser, suite.nexus.baseUrl, PHONE)).newPage();
    await bob.goto(new URL(link).pathname);
    await bob.getByRole("heading", { name: "Night Owls" }).waitFor();
    await bob.getByText("1 member").waitFor();
    await screenshot(bob, "phone-invite-preview");
    await bob.getByRole("link", { name: "Register to join" }).click();
    await registerHere(bob, "bob", "correct horse battery");
    await bob.waitForURL(/\/invite\//);
    await bob.getByRole("button", { name: "Accept invite" }).click();
    await bob.waitForURL(/\/channels\/\d+\/\d+$/);
    await bob.getByRole("heading", { name: "Welcome to #general!" }).waitFor();
    await screenshot(bob, "phone-channel");

    // Alice's member list gains Bob without a reload (GUILD_MEMBER_ADD over the gateway).
    await members.getByText("bob").waitFor();
    await screenshot(alice, "desktop-channel-two-members");

    await bob.getByRole("button", { name: "Show member list" }).click();
    await bob.getByRole("complementary", { name: "Members" }).getByText("alice").waitFor();
    await screenshot(bob, "phone-member-drawer");

    await alice.context().close();
    await bob.context().close();
  });
});
