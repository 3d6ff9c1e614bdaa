/** One real nexus and one headless browser shared by the tests of a describe block, stopped after them. */
import { after, before } from "node:test";
import type { Browser, Page } from "playwright-core";
import { DESKTOP, launchBrowser, newContext } from "./browser.js";
import { buildWebClient, type NexusProcess, startNexus } from "./nexus-process.js";

export interface BrowserSuite {
  readonly nexus: NexusProcess;
  readonly browser: Browser;
  /** A page in a fresh browser context (its own storage: a separate person). */
  page(device?: typeof DESKTOP): Promise<Page>;
}

/** `env` adds server settings (NEXUS_*) for this suite's nexus. */
export function useBrowserSuite(env: Record<string, string> = {}): BrowserSuite {
  let nexus: NexusProcess | undefined;
  let browser: Browser | undefined;
  before(async () => {
    nexus = await startNexus(await buildWebClient(), env);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await nexus?.[Symbol.asyncDispose]();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("the suite has not started");
    return value;
  };
  return {
    get nexus() {
      return started(nexus);
    },
    get browser() {
      return started(browser);
    },
    async page(device = DESKTOP) {
      return (await newContext(started(browser), started(nexus).baseUrl, device)).newPage();
    },
  };
}
