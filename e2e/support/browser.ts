/** Headless Debian Chromium through playwright-core, or a clear skip when it is not installed. */
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";

export const CHROMIUM_PATH = process.env.NEXUS_CHROMIUM ?? "/usr/bin/chromium";
export const ARTIFACTS_DIR = new URL("../../test-artifacts/screenshots/", import.meta.url).pathname;

/** Returns a reason to skip browser tests, or throws when NEXUS_TEST_REQUIRE_ALL=1 demands they run. */
export function browserSkipReason(): string | undefined {
  if (existsSync(CHROMIUM_PATH)) return undefined;
  if (process.env.NEXUS_TEST_REQUIRE_ALL === "1") {
    throw new Error(
      `chromium not installed at ${CHROMIUM_PATH} and NEXUS_TEST_REQUIRE_ALL=1 (apt-get install chromium)`,
    );
  }
  console.log(`SKIPPED: chromium not installed (${CHROMIUM_PATH}); install it with apt-get install chromium`);
  return "chromium not installed";
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    chromiumSandbox: false,
    // This machine has no network beyond loopback: keep Chromium from phoning home at all.
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export const DESKTOP = { viewport: { width: 1280, height: 800 } };
export const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

export async function newContext(browser: Browser, baseURL: string, device = DESKTOP): Promise<BrowserContext> {
  const context = await browser.newContext({ ...device, baseURL, reducedMotion: "reduce" });
  // CI runs three browser suites beside the server tests on two cores: a step that takes 1 s alone can take 10+.
  context.setDefaultTimeout(30_000);
  return context;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS_DIR, `${name}.png`) });
}

/** Every control a person can operate, as "tag: text" for each one without an accessible name. */
export function unnamedControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const controls = document.querySelectorAll<HTMLElement>(
      "button, a[href], input:not([type=hidden]), select, textarea, [role=button], [tabindex]:not([tabindex='-1'])",
    );
    const unnamed: string[] = [];
    for (const control of controls) {
      if (control.closest("[hidden], dialog:not([open])")) continue;
      const labelledBy = control.getAttribute("aria-labelledby");
      const byId = labelledBy
        ?.split(" ")
        .map((id) => document.getElementById(id)?.textContent ?? "")
        .join(" ");
      const labels = "labels" in control ? [...((control as HTMLInputElement).labels ?? [])] : [];
      const name = [
        control.getAttribute("aria-label"),
        byId,
        labels.map((label) => label.textContent).join(" "),
        control.tagName === "INPUT" ? "" : control.textContent,
        control.getAttribute("title"),
      ]
        .join(" ")
        .trim();
      if (!name) unnamed.push(`${control.tagName.toLowerCase()}: ${control.outerHTML.slice(0, 120)}`);
    }
    return unnamed;
  });
}
