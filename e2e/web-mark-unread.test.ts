/**
 * Browser end-to-end: Mark Unread. From a message's "More" menu, Alt+click or Alt+Enter the channel becomes unread
 * from that message: the "new messages" divider moves there (also onto your own message), it stays unread while on
 * screen, the user's other tab shows the channel bold live, and the server keeps the marker where it was put.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Locator, Page } from "playwright-core";
import { browserSkipReason, screenshot } from "./support/browser.js";
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

const log = (page: Page) => page.getByRole("log", { name: "Messages in #general" });
const message = (page: Page, text: string) => log(page).getByRole("article").filter({ hasText: text });
/** The message right after the unread divider, whichever form it takes (alone, or inside a day divider). */
const afterDivider = (page: Page): Locator =>
  log(page)
    .getByRole("separator", { name: /new messages$/i })
    .locator("xpath=following-sibling::article[1]");

interface ReadState {
  channel_id: string;
  last_read_id: string | null;
  unread: boolean;
}

describe("web client: mark unread", { skip: browserSkipReason() }, () => {
  const suite = useBrowserSuite();

  test("Mark Unread moves the divider to the message, holds it unread, and reaches the other tab", async () => {
    const { baseUrl } = suite.nexus;
    const alice = await suite.page();
    await register(alice, "marta", PASSWORD);
    await createServer(alice, "Unread Place");
    const general = new URL(alice.url()).pathname.split("/").at(-1) ?? "";
    const path = await invitePath(alice);
    await createChannel(alice, "random");
    const bob = await suite.page();
    await registerAndJoin(bob, "milo", PASSWORD, path);
    await channelLink(bob, /^general \(text channel\)/).click();
    const sent: Record<string, string> = {};
    for (const text of ["first words", "second thoughts", "third time"]) {
      sent[text] = (
        await apiAs<{ id: string }>(baseUrl, "marta", "POST", `/channels/${general}/messages`, { content: text })
      ).id;
    }
    await message(bob, "third time").waitFor();
    // Bob's other tab looks at #random; #general there is read (Bob is reading it in the first tab).
    const bobElsewhere = await bob.context().newPage();
    await bobElsewhere.goto((await channelLink(bob, /^random \(text channel\)/).getAttribute("href")) ?? "");
    await channelLink(bobElsewhere, /^general \(text channel\)$/).waitFor();

    // From the More menu: the channel is unread from "second thoughts" on, here and in the other tab.
    const second = message(bob, "second thoughts");
    await second.focus();
    await second.getByRole("toolbar", { name: "Message actions" }).getByRole("button", { name: "More" }).click();
    await bob.getByRole("menu", { name: "More actions" }).getByRole("menuitem", { name: "Mark Unread" }).click();
    await afterDivider(bob).filter({ hasText: "second thoughts" }).waitFor();
    await channelLink(bobElsewhere, /^general \(text channel\), unread$/).waitFor();
    await screenshot(bob, "desktop-mark-unread");
    const stateOf = async () =>
      (await apiAs<ReadState[]>(baseUrl, "milo", "GET", "/users/@me/read-states")).find(
        (s) => s.channel_id === general,
      );
    assert.equal((await stateOf())?.last_read_id, (BigInt(sent["second thoughts"] ?? "") - 1n).toString());

    // Looking at it does not read it again: after leaving, #general is still bold in this tab too.
    await channelLink(bob, /^random \(text channel\)/).click();
    await channelLink(bob, /^general \(text channel\), unread$/).waitFor();
    assert.equal((await stateOf())?.unread, true);

    // Coming back reads it (the divider shows where it was left); Alt+click on the first message marks from there.
    await channelLink(bob, /^general \(text channel\)/).click();
    await afterDivider(bob).filter({ hasText: "second thoughts" }).waitFor();
    await channelLink(bobElsewhere, /^general \(text channel\)$/).waitFor();
    await message(bob, "first words")
      .locator(".message-content, p")
      .first()
      .click({ modifiers: ["Alt"] });
    await afterDivider(bob).filter({ hasText: "first words" }).waitFor();
    await channelLink(bobElsewhere, /^general \(text channel\), unread$/).waitFor();
    assert.equal((await stateOf())?.last_read_id, (BigInt(sent["first words"] ?? "") - 1n).toString());

    // Writing reads the channel again; Alt+Enter on his own focused message marks it unread, divider on it.
    const composer = bob.getByRole("textbox", { name: "Message #general" });
    await composer.fill("a note to self");
    await composer.press("Enter");
    await channelLink(bobElsewhere, /^general \(text channel\)$/).waitFor();
    await message(bob, "a note to self").focus();
    await bob.keyboard.press("Alt+Enter");
    await afterDivider(bob).filter({ hasText: "a note to self" }).waitFor();
    await channelLink(bobElsewhere, /^general \(text channel\), unread$/).waitFor();
  });
});
