#!/usr/bin/env node
// Runs every *.test.ts under packages/ and e2e/ with node's test runner (through tsx), then prints "N passed, N failed".
import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const filter = process.argv.slice(2);

function findTests(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name === "dist" || entry.name.startsWith(".")) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findTests(path));
    else if (/\.test\.tsx?$/.test(entry.name)) found.push(relative(root, path));
  }
  return found;
}

const files = ["packages", "e2e"]
  .flatMap((dir) => {
    try {
      return findTests(join(root, dir));
    } catch {
      return [];
    }
  })
  .filter((file) => filter.length === 0 || filter.some((f) => file.includes(f)))
  .sort();

if (files.length === 0) {
  console.error("No test files found.");
  process.exit(1);
}

const child = spawn(
  process.execPath,
  [
    "--import",
    "tsx",
    "--conditions=source",
    "--test",
    "--test-reporter=spec",
    `--test-concurrency=${process.env.NEXUS_TEST_CONCURRENCY ?? 3}`,
    ...files,
  ],
  { cwd: root, stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, NODE_ENV: "test" } },
);

const totals = { pass: 0, fail: 0, skipped: 0 };
let buffer = "";
child.stdout.on("data", (chunk) => {
  process.stdout.write(chunk);
  buffer += chunk.toString();
  const lines = buffer.split("\n");
  buffer = lines.pop() ?? "";
  for (const line of lines) {
    const match = /^ℹ (pass|fail|skipped) (\d+)$/.exec(line.trim());
    if (match) totals[match[1]] = Number(match[2]);
  }
});
child.on("close", (code) => {
  console.log(`\n${totals.pass} passed, ${totals.fail} failed${totals.skipped ? `, ${totals.skipped} skipped` : ""}`);
  process.exit(code ?? 1);
});
