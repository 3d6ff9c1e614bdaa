/**
 * Browser end-to-end chat: two people in one server talk in real time — markdown, replies, reactions, edits,
 * deletes, typing, unread badges — and neither a network drop nor a failed send loses a message.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Locator, Page } from "playwright-core";
import { browserSkipReason, DESKTOP, newContext, screenshot, unnamedControls } from "./support/browser.js";
import { apiAs, PASSWORD, register, registerByApiAndLogIn, registerHere } from "./support/flows.js";
import { useBrowserSuite } from "./support/suite.js";

const skip = browserSkipReason();

const log = (page: Page, channel = "#general") => page.getByRole("log", { name: `Messages in ${channel}` });
const message = (page: Page, text: string | RegExp, channel = "#general") =>
  log(page, channel).getByRole("article").filter({ hasText: text });
const composer = (page: Page, channel = "#general") => page.getByRole("textbox", { name: `Message ${channel}` });

/** A message's hover actions, reached by focusing it (as keyboard users do; hovering shows the same toolbar). */
async function actionsOf(article: Locator): Promise<Locator> {
  await article.focus();
  const toolbar = article.getByRole("toolbar", { name: "Message actions" });
  await toolbar.waitFor();
  return toolbar;
}

async function send(page: Page, text: string, channel = "#general"): Promise<void> {
  await composer(page, channel).fill(text);
  await composer(page, channel).press("Enter");
}

describe("web client: chat", { skip }, () => {
  const suite = useBrowserSuite();

  test("two people chat live: markdown, typing, reply, react, edit, delete, unread, network drop, failed send", async () => {
    const aliceContext = await newContext(suite.browser, suite.nexus.baseUrl, DESKTOP);
    const bobContext = await newContext(suite.browser, suite.nexus.baseUrl, DESKTOP);
    const alice = await aliceContext.newPage();
    const bob = await bobContext.newPage();

    // Alice creates a server and an invite; Bob registers through the link and joins.
    await register(alice, "alice", PASSWORD);
    await alice.getByRole("button", { name: "Create a server" }).first().click();
    const create = alice.getByRole("dialog", { name: "Create your server" });
    await create.getByLabel(/^Server name/).fill("Night Owls");
    await create.getByRole("button", { name: "Create" }).click();
    await alice.waitForURL(/\/channels\/\d+\/\d+$/);
    const [, guildId, generalId] = /\/channels\/(\d+)\/(\d+)$/.exec(alice.url()) ?? [];
    assert.ok(guildId && generalId);
    const invite = await apiAs<{ code: string }>(
      suite.nexus.baseUrl,
      "alice",
      "POST",
      `/channels/${generalId}/invites`,
      {},
    );
    await bob.goto(`/invite/${invite.code}`);
    await bob.getByRole("link", { name: "Register to join" }).click();
    await registerHere(bob, "bob", PASSWORD);
    await bob.waitForURL(/\/invite\//);
    await bob.getByRole("button", { name: "Accept invite" }).click();
    await bob.waitForURL(/\/channels\/\d+\/\d+$/);
    await composer(bob).waitFor();
    await alice.getByRole("complementary", { name: "Members" }).getByText("bob").waitFor();

    // Markdown arrives live and rendered, never as raw markup.
    await send(alice, "Hello **Bob**, try `npm start` and ||the secret||");
    const hello = message(bob, "Hello");
    await hello.waitFor();
    assert.equal(await hello.locator("strong").textContent(), "Bob");
    assert.equal(await hello.locator("code").textContent(), "npm start");
    await hello.getByRole("button", { name: "Spoiler, press to reveal" }).click();
    await hello.getByText("the secret").waitFor();

    // Bob starts typing: Alice sees it; his message replaces the indicator.
    await composer(bob).fill("Hi @ali");
    await bob.getByRole("option", { name: "@alice" }).waitFor();
    await composer(bob).press("Enter");
    assert.match(await composer(bob).inputValue(), /^Hi <@\d+> $/);
    await composer(bob).fill("Hi Alice!");
    await alice.getByText("bob is typing…").waitFor();
    await composer(bob).press("Enter");
    await message(alice, "Hi Alice!").waitFor();
    await alice.getByText("bob is typing…").waitFor({ state: "detached" });

    // Alice replies to Bob's message; Bob sees the quoted reference and jumps to the original.
    await (await actionsOf(message(alice, "Hi Alice!"))).getByRole("button", { name: "Reply" }).click();
    await alice.getByText("Replying to").waitFor();
    await send(alice, "Welcome!");
    const reply = message(bob, "Welcome!");
    await reply.getByRole("button", { name: /Replying to bob: Hi Alice!/ }).click();
    await bob.locator(".message-highlighted", { hasText: "Hi Alice!" }).waitFor();

    // Bob reacts with the picker; Alice sees the count and adds hers.
    await (await actionsOf(reply)).getByRole("button", { name: "Add reaction" }).click();
    const picker = bob.getByRole("dialog", { name: "Emoji picker" });
    await picker.getByRole("combobox", { name: "Search emoji" }).fill("thumbs up");
    await picker.getByRole("option", { name: "thumbs up" }).first().waitFor();
    await picker.getByRole("combobox", { name: "Search emoji" }).press("Enter");
    const thumbs = (page: Page, count: number) =>
      message(page, "Welcome!").getByRole("button", { name: new RegExp(`^👍️? ${count} reaction`) });
    await thumbs(alice, 1).click();
    await thumbs(bob, 2).waitFor();
    assert.equal(await thumbs(alice, 2).getAttribute("aria-pressed"), "true");

    // Up in the empty composer edits Alice's last message; Bob sees the new text marked edited.
    await composer(alice).press("ArrowUp");
    const editor = alice.getByRole("textbox", { name: "Edit message" });
    await editor.fill("Welcome aboard!");
    await editor.press("Enter");
    await message(bob, "Welcome aboard!").getByText("(edited)").waitFor();

    // Alice deletes her first message after confirming; it disappears for Bob.
    await (await actionsOf(message(alice, "Hello"))).getByRole("button", { name: "Delete message" }).click();
    await alice.getByRole("dialog", { name: "Delete message" }).getByRole("button", { name: "Delete" }).click();
    await message(bob, "Hello").waitFor({ state: "detached" });
    await screenshot(alice, "desktop-chat");
    assert.deepEqual(await unnamedControls(alice), []);

    // A mention in another channel: bold with a badge for Bob until he opens it.
    const random = await apiAs<{ id: string }>(suite.nexus.baseUrl, "alice", "POST", `/guilds/${guildId}/channels`, {
      name: "random",
    });
    const bobUser = await apiAs<{ id: string }>(suite.nexus.baseUrl, "bob", "GET", "/users/@me");
    await apiAs(suite.nexus.baseUrl, "alice", "POST", `/channels/${random.id}/messages`, {
      content: `Psst <@${bobUser.id}>, over here`,
    });
    const randomLink = bob.getByRole("link", { name: /^random \(text channel\), unread, 1 mention/ });
    await randomLink.waitFor();
    await bob
      .getByRole("navigation", { name: "Servers" })
      .getByRole("link", { name: "Night Owls, unread, 1 mention" })
      .waitFor();
    await randomLink.click();
    await message(bob, "over here", "#random").waitFor();
    await log(bob, "#random").locator(".divider-unread").waitFor();
    await log(bob, "#random").locator(".message-mentioned", { hasText: "@bob" }).waitFor();
    await bob.getByRole("link", { name: "random (text channel)", exact: true }).waitFor();
    await bob.getByRole("link", { name: "general (text channel)", exact: true }).click();
    await composer(bob).waitFor();

    // A network drop: what Alice sends meanwhile reaches Bob once he is back.
    await bobContext.setOffline(true);
    await bob.getByText("You're offline. Waiting for the network…").waitFor();
    await send(alice, "Sent while you were away");
    await message(alice, "Sent while you were away").waitFor();
    await bobContext.setOffline(false);
    await message(bob, "Sent while you were away").waitFor({ timeout: 60_000 });
    await bob.getByText("You're offline. Waiting for the network…").waitFor({ state: "detached" });

    // A send that fails stays visible with Retry, and Retry delivers it.
    await bobContext.setOffline(true);
    await send(bob, "Offline attempt");
    const failed = message(bob, "Offline attempt");
    await failed.getByRole("button", { name: "Retry" }).waitFor();
    await bobContext.setOffline(false);
    const acked = new Set<string>();
    bob.on("response", (response) => {
      const match = /\/messages\/(\d+)\/ack$/.exec(response.url());
      if (match?.[1] && response.request().method() === "POST" && response.ok()) acked.add(match[1]);
    });
    await failed.getByRole("button", { name: "Retry" }).click();
    await message(alice, "Offline attempt").waitFor({ timeout: 60_000 });
    await failed.getByRole("button", { name: "Retry" }).waitFor({ state: "detached" });
    // Seeing his own delivered message marks it read on the server too (so a reload shows nothing unread).
    const sentId = await failed.getAttribute("data-message-id");
    for (let waited = 0; sentId && !acked.has(sentId) && waited < 60_000; waited += 100) await bob.waitForTimeout(100);
    assert.ok(sentId && acked.has(sentId), "the delivered message was acknowledged");

    // On a phone-sized window (reloaded, so the history comes back from the server) the chat still fits.
    await bob.setViewportSize({ width: 360, height: 740 });
    await bob.reload();
    await message(bob, "Offline attempt").waitFor();
    // Everything was read before the reload (the ack that failed offline was sent again): no divider, not bold.
    assert.equal(await log(bob).locator(".divider-unread").count(), 0);
    await screenshot(bob, "phone-chat");
    assert.deepEqual(await unnamedControls(bob), []);

    await aliceContext.close();
    await bobContext.close();
  });

  test("long history: scroll up through pages, jump to a reply's original, masked links warn, pins and threads", async () => {
    const context = await newContext(suite.browser, suite.nexus.baseUrl, DESKTOP);
    const page = await context.newPage();
    await registerByApiAndLogIn(page, suite.nexus.baseUrl, "carol");
    const guild = await apiAs<{ id: string; channels: { id: string; name: string; type: string }[] }>(
      suite.nexus.baseUrl,
      "carol",
      "POST",
      "/guilds",
      { name: "Archive" },
    );
    const general = guild.channels.find((c) => c.type === "text" && c.name === "general");
    assert.ok(general);
    const ids: string[] = [];
    for (let n = 1; n <= 130; n += 1) {
      const content =
        n === 3
          ? "Message 3: read [the docs](https://example.com/docs)"
          : n === 4
            ? "Message 4\n```js\nconst answer = 42;\n```"
            : `Message ${n}`;
      const sent = await apiAs<{ id: string }>(
        suite.nexus.baseUrl,
        "carol",
        "POST",
        `/channels/${general.id}/messages`,
        {
          content,
        },
      );
      ids.push(sent.id);
    }
    await apiAs(suite.nexus.baseUrl, "carol", "POST", `/channels/${general.id}/messages`, {
      content: "Back to the start",
      reply_to: ids[1],
    });

    await page.goto(`/channels/${guild.id}/${general.id}`);
    const latest = message(page, "Back to the start");
    await latest.waitFor();
    assert.equal(await message(page, /^carol.*Message 2$/).count(), 0, "only the newest page is loaded");

    // The reply's original is far up the history: the list jumps there and highlights it.
    await latest.getByRole("button", { name: /Replying to carol: Message 2/ }).click();
    await page.locator(".message-highlighted", { hasText: /Message 2$/ }).waitFor();
    await page.getByText("You're viewing older messages").waitFor();
    await message(page, "Message 4").locator(".hljs-keyword").first().waitFor();

    // A masked link asks before leaving.
    await message(page, "Message 3").getByRole("link", { name: "the docs" }).click();
    const leaving = page.getByRole("dialog", { name: "Leaving Nexus" });
    await leaving.getByText("https://example.com/docs").waitFor();
    await screenshot(page, "desktop-leaving-dialog");
    await leaving.getByRole("button", { name: "Go back" }).click();

    await page.getByRole("button", { name: "Jump to present" }).click();
    await latest.waitFor();
    await page.getByText("You're viewing older messages").waitFor({ state: "detached" });

    // Scrolling to the top loads older pages until the channel's beginning.
    const first = message(page, /Message 1$/);
    for (let attempt = 0; attempt < 60 && !(await first.isVisible()); attempt += 1) {
      await page.locator(".message-scroller").evaluate((scroller) => scroller.scrollTo({ top: 0 }));
      await page.waitForTimeout(250);
    }
    await first.waitFor();
    await page.getByRole("heading", { name: "Welcome to #general!" }).waitFor();

    // Pin the newest message and see it in the pins panel.
    await page.locator(".message-scroller").evaluate((scroller) => scroller.scrollTo({ top: scroller.scrollHeight }));
    await (await actionsOf(latest)).getByRole("button", { name: "Pin message" }).click();
    await (await actionsOf(latest)).getByRole("button", { name: "More" }).click();
    await page.getByRole("menuitem", { name: "Copy message ID" }).waitFor();
    await page.keyboard.press("Escape");
    await page.getByRole("menu", { name: "More actions" }).waitFor({ state: "detached" });
    await page.getByRole("button", { name: "Pinned messages" }).click();
    await page.getByRole("region", { name: "Pinned messages" }).getByText("Back to the start").waitFor();
    await screenshot(page, "desktop-pins");

    // Start a thread from it and talk there.
    await (await actionsOf(latest)).getByRole("button", { name: "Create thread" }).click();
    const thread = page.getByRole("region", { name: "Back to the start" });
    await thread.getByRole("textbox", { name: "Message Back to the start" }).fill("Inside the thread");
    await thread.getByRole("textbox", { name: "Message Back to the start" }).press("Enter");
    await thread.getByRole("log").getByText("Inside the thread").waitFor();
    await latest.getByRole("button", { name: /Back to the start.*1 message/ }).waitFor();
    await screenshot(page, "desktop-thread");
    await page.getByRole("button", { name: "Threads" }).click();
    await page
      .getByRole("region", { name: "Threads" })
      .getByRole("button", { name: /Back to the start/ })
      .waitFor();
    assert.deepEqual(await unnamedControls(page), []);
    await context.close();
  });
});
