import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { CONFIG_DOCS_PATH, renderConfigDocs } from "./render-config-docs.js";
import { SETTINGS } from "./settings.js";

describe("docs/configuration.md", () => {
  it("is exactly what the settings table renders (run `npm run docs:config` after changing a setting)", () => {
    const committed = readFileSync(new URL(`../../../../${CONFIG_DOCS_PATH}`, import.meta.url), "utf8");
    assert.equal(committed, renderConfigDocs());
  });

  it("lists every setting with its environment variable and never prints a secret", () => {
    const docs = renderConfigDocs();
    for (const setting of SETTINGS) assert.ok(docs.includes(`| \`${setting.key}\` |`), setting.key);
    assert.match(docs, /`NEXUS_SERVER_PORT` \| `8080`/);
    assert.match(docs, /`secrets\.token_signing_key` \| `NEXUS_SECRETS_TOKEN_SIGNING_KEY` \| generated on first run/);
  });
});
