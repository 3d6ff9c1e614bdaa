/**
 * What the web scenario measures inside the page (run there through page.evaluate): loading a channel's whole
 * history by scrolling up, scrolling through the loaded list frame by frame, and the time a channel switch takes
 * to paint. Long tasks come from PerformanceObserver('longtask'), frames from requestAnimationFrame.
 */
import type { BrowserContext, Page } from "playwright-core";

/**
 * The bench runs under tsx, which compiles with esbuild's keepNames: named functions inside the functions sent to
 * page.evaluate come out wrapped in `__name(fn, "name")`, a helper the page does not have.
 */
export async function allowCompiledFunctions(context: BrowserContext): Promise<void> {
  await context.addInitScript("globalThis.__name = (fn) => fn;");
}

export interface HistoryLoad {
  ms: number;
  /** Durations of the long tasks (> 50 ms) the page ran meanwhile. */
  longTasks: number[];
}

/** Scrolls the message list to the top until `heading` (the channel's intro, shown at the start of history) is in. */
export function loadWholeHistory(page: Page, heading: string, timeoutMs: number): Promise<HistoryLoad> {
  return page.evaluate(
    async ({ heading, timeoutMs }) => {
      const longTasks: number[] = [];
      const observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) longTasks.push(entry.duration);
      });
      observer.observe({ type: "longtask" });
      const started = performance.now();
      while (![...document.querySelectorAll("h2")].some((h) => h.textContent === heading)) {
        if (performance.now() - started > timeoutMs) throw new Error(`"${heading}" not reached in ${timeoutMs} ms`);
        const scroller = document.querySelector<HTMLElement>(".message-scroller");
        // A wheel gesture first, as a person's scroll has one: the list keeps to the bottom unless the person scrolls.
        scroller?.dispatchEvent(new WheelEvent("wheel", { deltaY: -scroller.scrollTop, bubbles: true }));
        if (scroller) scroller.scrollTop = 0;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const ms = performance.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 100));
      for (const entry of observer.takeRecords()) longTasks.push(entry.duration);
      observer.disconnect();
      return { ms, longTasks };
    },
    { heading, timeoutMs },
  );
}

export interface ScrollRun {
  /** Time between consecutive animation frames while scrolling. */
  frameIntervals: number[];
  longTasks: number[];
  ms: number;
  distancePx: number;
  /** Most list rows (li[data-index]) and DOM nodes inside the scroller at any one frame. */
  maxRows: number;
  maxListNodes: number;
  /** Nodes in the whole document at the end. */
  documentNodes: number;
  /** Smallest and largest row index rendered on the way: every row from one to the other passed the screen. */
  firstIndex: number;
  lastIndex: number;
}

/** From the list's top, scrolls `stepPx` down in every animation frame until the bottom is reached. */
export function scrollToBottom(page: Page, stepPx: number, timeoutMs: number): Promise<ScrollRun> {
  return page.evaluate(
    async ({ stepPx, timeoutMs }) => {
      const scroller = document.querySelector<HTMLElement>(".message-scroller");
      if (!scroller) throw new Error("no message list on the page");
      const longTasks: number[] = [];
      const observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) longTasks.push(entry.duration);
      });
      observer.observe({ type: "longtask" });
      const run = {
        frameIntervals: [] as number[],
        maxRows: 0,
        maxListNodes: 0,
        firstIndex: Number.POSITIVE_INFINITY,
        lastIndex: Number.NEGATIVE_INFINITY,
      };
      const startTop = scroller.scrollTop;
      const started = performance.now();
      await new Promise<void>((resolve, reject) => {
        let previous = 0;
        let framesAtBottom = 0;
        const onFrame = (now: number) => {
          if (previous) run.frameIntervals.push(now - previous);
          previous = now;
          const rows = scroller.querySelectorAll("[data-index]");
          run.maxRows = Math.max(run.maxRows, rows.length);
          for (const row of rows) {
            const index = Number(row.getAttribute("data-index"));
            run.firstIndex = Math.min(run.firstIndex, index);
            run.lastIndex = Math.max(run.lastIndex, index);
          }
          if (run.frameIntervals.length % 10 === 0)
            run.maxListNodes = Math.max(run.maxListNodes, scroller.getElementsByTagName("*").length);
          // Rows are measured as they appear, so the height can still grow after the bottom is first reached.
          const atBottom = scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 1;
          framesAtBottom = atBottom ? framesAtBottom + 1 : 0;
          if (framesAtBottom >= 10) return resolve();
          if (now - started > timeoutMs) return reject(new Error(`the bottom was not reached in ${timeoutMs} ms`));
          scroller.dispatchEvent(new WheelEvent("wheel", { deltaY: stepPx, bubbles: true }));
          scroller.scrollBy(0, stepPx);
          requestAnimationFrame(onFrame);
        };
        requestAnimationFrame(onFrame);
      });
      const ms = performance.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 100));
      for (const entry of observer.takeRecords()) longTasks.push(entry.duration);
      observer.disconnect();
      return {
        ...run,
        longTasks,
        ms,
        distancePx: scroller.scrollTop - startTop,
        documentNodes: document.getElementsByTagName("*").length,
      };
    },
    { stepPx, timeoutMs },
  );
}

export interface SwitchTarget {
  /** The sidebar link's href. */
  href: string;
  /** The message list's accessible name in the target channel ("Messages in #general"). */
  label: string;
}

/**
 * Clicks the sidebar link and returns the milliseconds until the target channel's list shows a message with its
 * text and the frame showing it has been rendered (the first task after that frame's requestAnimationFrame).
 */
export function timeSwitch(page: Page, target: SwitchTarget, timeoutMs = 10_000): Promise<number> {
  return page.evaluate(
    ({ target, timeoutMs }) =>
      new Promise<number>((resolve, reject) => {
        const link = document.querySelector<HTMLElement>(`a[href="${target.href}"]`);
        if (!link) return reject(new Error(`no link to ${target.href}`));
        const selector = `[role="log"][aria-label="${target.label}"] article[data-message-id]`;
        const shown = () => (document.querySelector(selector)?.textContent ?? "") !== "";
        if (shown()) return reject(new Error(`"${target.label}" is on screen before the switch`));
        let started = 0;
        const timer = setTimeout(() => {
          observer.disconnect();
          reject(new Error(`"${target.label}" showed no message ${timeoutMs} ms after the click`));
        }, timeoutMs);
        const painted = () => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => resolve(performance.now() - started);
          requestAnimationFrame(() => channel.port2.postMessage(null));
        };
        const observer = new MutationObserver(() => {
          if (!shown()) return;
          observer.disconnect();
          clearTimeout(timer);
          painted();
        });
        observer.observe(document.body, { childList: true, subtree: true, characterData: true });
        started = performance.now();
        link.click();
      }),
    { target, timeoutMs },
  );
}

/** The JavaScript the page has downloaded so far (resource timing: body bytes as served, compressed). */
export function scriptsFetched(page: Page): Promise<{ files: number; encodedBytes: number }> {
  return page.evaluate(() => {
    const scripts = performance
      .getEntriesByType("resource")
      .filter((entry) => new URL(entry.name).pathname.endsWith(".js")) as PerformanceResourceTiming[];
    return { files: scripts.length, encodedBytes: scripts.reduce((sum, entry) => sum + entry.encodedBodySize, 0) };
  });
}
