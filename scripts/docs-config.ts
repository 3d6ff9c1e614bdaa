// Writes docs/configuration.md from the settings table (npm run docs:config).
import { writeFileSync } from "node:fs";
import { CONFIG_DOCS_PATH, renderConfigDocs } from "../packages/server/src/config/render-config-docs.js";

const target = new URL(`../${CONFIG_DOCS_PATH}`, import.meta.url);
writeFileSync(target, renderConfigDocs());
console.log(`Wrote ${CONFIG_DOCS_PATH}`);
