/**
 * The web client the web scenario measures: a fresh production build (or, in --quick runs, the one `npm run bench`
 * just left in packages/web/dist), and how much JavaScript its first page load downloads, gzipped.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { buildWebClient } from "../../e2e/support/nexus-process.js";
import { NotAvailable } from "./scenario.js";
import { REPO_ROOT } from "./server-process.js";

export interface WebBuild {
  dir: string;
  /** Wall time of `vite build` (NODE_ENV=production); null when an existing build was used. */
  buildMs: number | null;
  dispose(): void;
}

export async function productionBuild(): Promise<WebBuild> {
  const started = Date.now();
  const dir = await buildWebClient();
  return { dir, buildMs: Date.now() - started, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

export function existingBuild(): WebBuild {
  const dir = join(REPO_ROOT, "packages/web/dist");
  if (!existsSync(join(dir, "index.html"))) throw new NotAvailable(`no web client build in ${dir} (npm run build)`);
  return { dir, buildMs: null, dispose: () => undefined };
}

export interface AssetTotal {
  files: number;
  bytes: number;
  gzipBytes: number;
}

export interface BundleSizes {
  /** The entry script and every modulepreloaded chunk index.html names: what loads before anything lazy. */
  initialJs: AssetTotal;
  initialCss: AssetTotal;
  /** Every JavaScript chunk of the build, lazy ones included. */
  allJs: AssetTotal;
}

function total(dir: string, files: string[]): AssetTotal {
  let bytes = 0;
  let gzipBytes = 0;
  for (const file of files) {
    const source = readFileSync(join(dir, file));
    bytes += source.length;
    gzipBytes += gzipSync(source, { level: 9 }).length;
  }
  return { files: files.length, bytes, gzipBytes };
}

export function measureBundle(dir: string): BundleSizes {
  const html = readFileSync(join(dir, "index.html"), "utf8");
  const referenced = [...html.matchAll(/<(?:script|link)\b[^>]*?(?:src|href)="\/(assets\/[^"]+)"/g)].map(
    (m) => m[1] as string,
  );
  const chunks = readdirSync(join(dir, "assets"))
    .filter((name) => name.endsWith(".js"))
    .map((name) => `assets/${name}`);
  return {
    initialJs: total(
      dir,
      referenced.filter((file) => file.endsWith(".js")),
    ),
    initialCss: total(
      dir,
      referenced.filter((file) => file.endsWith(".css")),
    ),
    allJs: total(dir, chunks),
  };
}
