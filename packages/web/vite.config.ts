/** Builds the web client into dist/, precompressed so `nexus serve` can send .br/.gz files as they are. */
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import react from "@vitejs/plugin-react";
import { defaultClientConditions, defineConfig, type Plugin } from "vite";

const COMPRESSIBLE = /\.(js|css|html|svg|json|txt)$/;

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? listFiles(path) : [path];
  });
}

/** Writes file.br and file.gz next to every text asset worth compressing (served by @fastify/static preCompressed). */
function precompress(): Plugin {
  let outDir = "dist";
  return {
    name: "nexus-precompress",
    apply: "build",
    configResolved(config) {
      outDir = config.build.outDir;
    },
    closeBundle() {
      for (const file of listFiles(outDir)) {
        if (!COMPRESSIBLE.test(file) || statSync(file).size < 512) continue;
        const source = readFileSync(file);
        writeFileSync(`${file}.gz`, gzipSync(source, { level: 9 }));
        writeFileSync(`${file}.br`, brotliCompressSync(source, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
      }
    },
  };
}

export default defineConfig({
  plugins: [react(), precompress()],
  resolve: {
    // @nexus/protocol exports its TypeScript sources under the "source" condition: no separate build step needed.
    conditions: ["source", ...defaultClientConditions],
  },
  build: {
    target: "es2022",
    sourcemap: true,
    // The server sends index.html itself; keeping the entry a file (not inline) keeps the CSP free of 'unsafe-inline'.
    assetsInlineLimit: 0,
  },
  server: {
    // `npm run dev -w @nexus/web` proxies the API and gateway to a `nexus serve` on the default port.
    proxy: {
      "/api": "http://127.0.0.1:8080",
      "/gateway": { target: "ws://127.0.0.1:8080", ws: true },
    },
  },
});
