/**
 * Browser end-to-end: a channel opens at its newest message, fully in view, even when its rows are taller or
 * shorter than the list guessed; coming back to it keeps it there; a channel you scrolled up in stays scrolled up.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Page } from "playwright-core";
import { browserSkipReason } from "./support/browser.js";
import { apiAs, channelLink, createServer, registerByApiAndLogIn } from "./support/flows.js";
import { useBrowserSuite } from "./support/suite.js";

/** Ends on a one-line message, so the list's first height guess is far below the rows above it. */
const SEEDED = 61;

const log = (page: Page, channel: string) => page.getByRole("log", { name: `Messages in #${channel}` });

/** Short lines, paragraphs, code blocks and long wrapped text: rows whose heights differ a lot. */
function seedText(i: number): string {
  switch (i % 5) {
    case 0:
      return `note ${i}`;
    case 1:
      return `lines ${i}\nsecond line\nthird line\nfourth line`;
    case 2:
      return `code ${i}\n\`\`\`ts\nconst a = ${i};\nconst b = a * 2;\nconsole.log(a, b);\nexport { a, b };\n\`\`\``;
    case 3:
      return `long ${i} ${"words that wrap across the width of the message list ".repeat(12)}`;
    default:
      return `para ${i}\n\nanother paragraph\n\n> a quote\n\n- a list item\n- another item`;
  }
}

/** Waits until the list stops moving (same scroll offset and height for 10 frames in a row), then says where it is. */
async function settledView(
  page: Page,
  channel: string,
  newestText = `note ${SEEDED - 1}`,
): Promise<{ newestInView: boolean; scrolledUp: boolean }> {
  await log(page, channel).getByRole("article").first().waitFor();
  const handle = await page.waitForFunction(
    ({ name, newestText }) => {
      const list = document.querySelector(`[role="log"][aria-label="Messages in #${name}"]`);
      const scroller = list?.querySelector<HTMLElement>(".message-scroller");
      if (!list || !scroller) return false;
      const w = window as unknown as { __still?: { key: string; frames: number } };
      const key = `${name}:${scroller.scrollTop}:${scroller.scrollHeight}`;
      w.__still = w.__still?.key === key ? { key, frames: w.__still.frames + 1 } : { key, frames: 0 };
      if (w.__still.frames < 10) return false;
      const view = scroller.getBoundingClientRect();
      const articles = [...list.querySelectorAll("article")];
      const newest = articles.find((a) => a.textContent?.includes(newestText));
      const box = newest?.getBoundingClientRect();
      return {
        newestInView: !!box && box.top >= view.top - 1 && box.bottom <= view.bottom + 1,
        scrolledUp: !!list.querySelector(".jump-bar"),
      };
    },
    { name: channel, newestText },
  );
  return (await handle.jsonValue()) as { newestInView: boolean; scrolledUp: boolean };
}

/** Opens #general, then #history again, and says where #history is. */
async function awayAndBack(page: Page): Promise<{ newestInView: boolean; scrolledUp: boolean }> {
  await channelLink(page, /^general/).click();
  await log(page, "general").waitFor();
  await channelLink(page, /^history/).click();
  return settledView(page, "history");
}

describe("web client: where a channel is scrolled", { skip: browserSkipReason() }, () => {
  const suite = useBrowserSuite({ NEXUS_RATE_LIMITS: "off" });

  test("a channel opens at its newest message, stays there when you come back, and keeps a scrolled-up spot", async () => {
    const alice = await suite.page();
    await registerByApiAndLogIn(alice, suite.nexus.baseUrl, "alice");
    await createServer(alice, "Long Reads");
    const [, guildId] = /\/channels\/(\d+)\/\d+$/.exec(alice.url()) ?? [];
    assert.ok(guildId);
    const history = await apiAs<{ id: string }>(suite.nexus.baseUrl, "alice", "POST", `/guilds/${guildId}/channels`, {
      name: "history",
    });
    for (let i = 0; i < SEEDED; i++) {
      await apiAs(suite.nexus.baseUrl, "alice", "POST", `/channels/${history.id}/messages`, { content: seedText(i) });
    }

    // First visit: the newest message is fully in view and nothing offers to jump to the present.
    await channelLink(alice, /^history/).click();
    let view = await settledView(alice, "history");
    assert.deepEqual(view, { newestInView: true, scrolledUp: false }, "first visit opens at the newest message");

    // Away and back: still at the bottom.
    view = await awayAndBack(alice);
    assert.deepEqual(view, { newestInView: true, scrolledUp: false }, "coming back keeps it at the newest message");

    // Scrolled up by hand, away and back: still scrolled up.
    await log(alice, "history").hover();
    await alice.mouse.wheel(0, -1500);
    await alice.getByText("Newer messages below").waitFor();
    view = await settledView(alice, "history");
    assert.deepEqual(view, { newestInView: false, scrolledUp: true }, "scrolling up leaves the bottom");
    view = await awayAndBack(alice);
    assert.deepEqual(view, { newestInView: false, scrolledUp: true }, "coming back keeps the scrolled-up spot");

    // A new message while scrolled up does not pull the view down; at the bottom, the view follows it.
    const post = (content: string) =>
      apiAs(suite.nexus.baseUrl, "alice", "POST", `/channels/${history.id}/messages`, { content });
    const height = () => alice.evaluate(() => document.querySelector(".message-scroller")?.scrollHeight ?? 0);
    const before = await height();
    await post("arrived while up");
    // Out of view rows are not rendered: the list growing shows the message arrived.
    await alice.waitForFunction((h) => (document.querySelector(".message-scroller")?.scrollHeight ?? 0) > h, before);
    view = await settledView(alice, "history", "arrived while up");
    assert.deepEqual(view, { newestInView: false, scrolledUp: true }, "a new message does not yank the view");
    await alice.getByRole("button", { name: "Jump to present" }).click();
    await alice.getByText("Newer messages below").waitFor({ state: "detached" });
    await post("the tail\n```\nline one\nline two\nline three\n```");
    await log(alice, "history").getByRole("article").filter({ hasText: "the tail" }).waitFor();
    view = await settledView(alice, "history", "the tail");
    assert.deepEqual(view, { newestInView: true, scrolledUp: false }, "at the bottom, a new message is followed");
  });
});
