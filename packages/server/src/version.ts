/** The server's version, from its package.json (shown by `nexus --version` and in the outbound User-Agent). */
import { readFileSync } from "node:fs";

let cached: string | undefined;

export function nexusVersion(): string {
  cached ??= (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string })
    .version;
  return cached;
}
