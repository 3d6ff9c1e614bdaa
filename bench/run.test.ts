/** Smoke test of the benchmark runner: a quick run of two scenarios against a real server writes a sane report. */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import type { RunReport } from "./lib/report.js";

const RUNNER = new URL("./run.ts", import.meta.url).pathname;

function runBench(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", RUNNER, ...args], {
      cwd: new URL("..", import.meta.url).pathname,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on("close", (code) => resolve({ code, output }));
  });
}

test("npm run bench -- --quick measures login and cold start and writes JSON and Markdown", async () => {
  const out = mkdtempSync(join(tmpdir(), "nexus-bench-smoke-"));
  try {
    const { code, output } = await runBench(["--quick", "--only", "login,cold-start", "--out", out]);
    assert.equal(code, 0, output);
    const files = readdirSync(out).sort();
    assert.deepEqual(
      files.map((f) => f.replace(/^\d{4}-\d{2}-\d{2}/, "DATE")),
      ["DATE-lite-quick.json", "DATE-lite-quick.md"],
    );
    const report = JSON.parse(readFileSync(join(out, files[0]!), "utf8")) as RunReport;
    assert.equal(report.environment.backend, "lite");
    assert.ok(report.environment.cores >= 1);
    const login = report.scenarios.find((s) => s.id === "login");
    assert.equal(login?.status, "ok");
    const rate = login.figures.find((f) => f.label === "logins/s")?.value;
    assert.ok(typeof rate === "number" && rate > 0, `logins/s was ${rate}`);
    const coldStart = report.scenarios.find((s) => s.id === "cold-start");
    const boot = coldStart?.figures.find((f) => f.label === "empty database, median")?.value;
    assert.ok(typeof boot === "number" && boot > 0, `cold start was ${boot}`);
    assert.match(readFileSync(join(out, files[1]!), "utf8"), /\| Login \| logins\/s \| \d+ \/s \|/);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test("the runner rejects an unknown scenario with usage and exit code 2", async () => {
  const { code, output } = await runBench(["--only", "nonsense"]);
  assert.equal(code, 2);
  assert.match(output, /unknown scenario nonsense/);
});
