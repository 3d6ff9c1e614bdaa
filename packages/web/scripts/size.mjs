#!/usr/bin/env node
// Reports the JavaScript the first page load downloads (gzipped) against the 250 KB budget; exits 1 over budget.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const BUDGET_BYTES = 250 * 1024;
const dist = new URL("../dist/", import.meta.url).pathname;
const indexPath = join(dist, "index.html");
if (!existsSync(indexPath)) {
  console.error("No build found: run `npm run build -w @nexus/web` first.");
  process.exit(1);
}

// What index.html loads up front: the entry module, every modulepreloaded chunk and the stylesheets.
const html = readFileSync(indexPath, "utf8");
const refs = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

let jsGzip = 0;
const rows = refs.map((ref) => {
  const source = readFileSync(join(dist, ref));
  const gzip = gzipSync(source, { level: 9 }).length;
  if (ref.endsWith(".js")) jsGzip += gzip;
  return { file: ref, raw: kb(source.length), gzip: kb(gzip) };
});
console.table(rows);
const verdict = jsGzip <= BUDGET_BYTES ? "within" : "OVER";
console.log(`Initial JavaScript: ${kb(jsGzip)} gzipped — ${verdict} the ${kb(BUDGET_BYTES)} budget.`);
process.exit(jsGzip <= BUDGET_BYTES ? 0 : 1);
