import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { SETTINGS } from "../config/settings.js";
import { runNexus, spawnNexus } from "../test-support/run-cli.js";
import { TestClient } from "../test-support/test-client.js";

const RUNNING = /^Nexus is running at http:\/\/localhost:(\d+)$/;
/** Cheap hashing and no noise, so each process starts fast. */
const quiet = {
  NEXUS_LOG_LEVEL: "warn",
  NEXUS_AUTH_ARGON2_MEMORY_KIB: "8192",
  NEXUS_AUTH_ARGON2_TIME_COST: "1",
  NEXUS_DATABASE_URL: "",
};

function tempDir(): { path: string } & Disposable {
  const path = mkdtempSync(join(tmpdir(), "nexus-cli-"));
  return { path, [Symbol.dispose]: () => rmSync(path, { recursive: true, force: true }) };
}

describe("nexus serve", () => {
  it("first run creates ./data with a private nexus.toml listing every setting, then prints the URL", async () => {
    using cwd = tempDir();
    const nexus = spawnNexus(["serve", "--port", "0"], quiet, cwd.path);
    const [, port] = await nexus.line(RUNNING);
    const api = new TestClient(`http://127.0.0.1:${port}`);
    assert.equal((await api.get("/healthz")).status, 200);
    assert.equal((await api.get("/readyz")).status, 200);

    const configPath = join(cwd.path, "data", "nexus.toml");
    assert.equal(statSync(configPath).mode & 0o777, 0o600);
    assert.ok(statSync(join(cwd.path, "data", "nexus.db")).isFile());
    const text = readFileSync(configPath, "utf8");
    for (const setting of SETTINGS) {
      // Written as `key = ` in its [section] (nested keys stay dotted), or commented out at the top.
      const name = setting.key.slice(setting.key.indexOf(".") + 1).replace(/\./g, "\\.");
      assert.match(text, new RegExp(`^(# )?${name} = `, "m"), `${setting.key} is listed`);
    }
    assert.match(text, /^token_signing_key = "[A-Za-z0-9_-]{43}"$/m, "a fresh secret was generated");
    assert.ok((text.match(/^# \S/gm) ?? []).length >= SETTINGS.length, "every setting is explained");

    nexus.child.kill("SIGINT");
    assert.equal(await nexus.exited, 0);
    assert.ok(nexus.stdout.split("\n").includes(`Nexus is running at http://localhost:${port}`));
  });

  it("reports every invalid setting on its own line naming the key, and exits 2", async () => {
    using dir = tempDir();
    writeFileSync(
      join(dir.path, "nexus.toml"),
      `[server]\nport = "eighty"\nbogus = 1\n[secrets]\ntoken_signing_key = "${"k".repeat(43)}"\n`,
    );
    const result = await runNexus(["serve", "--host", ""], {
      ...quiet,
      NEXUS_DATA_DIR: dir.path,
      NEXUS_AUTH_ACCESS_TOKEN_TTL_SECONDS: "5",
      NEXUS_RATE_LIMITS: "maybe",
    });
    assert.equal(result.code, 2);
    const lines = result.stderr.trim().split("\n");
    const expected = [
      "server.port",
      "server.bogus: unknown setting",
      "server.host",
      "auth.access_token_ttl_seconds",
      "NEXUS_RATE_LIMITS",
    ];
    assert.equal(lines.length, expected.length, result.stderr);
    for (const key of expected)
      assert.ok(
        lines.some((line) => line.includes(key)),
        `${key} in:\n${result.stderr}`,
      );
    for (const line of lines) assert.match(line, /^nexus: config error: /);
    assert.ok(lines.some((l) => l.includes("command line") && l.includes("server.host")));
    assert.ok(lines.some((l) => l.includes("NEXUS_AUTH_ACCESS_TOKEN_TTL_SECONDS")));

    writeFileSync(join(dir.path, "nexus.toml"), "[server\nport = 1\n");
    const broken = await runNexus(["serve"], { ...quiet, NEXUS_DATA_DIR: dir.path });
    assert.equal(broken.code, 2);
    assert.match(broken.stderr, /^nexus: config error: .*nexus\.toml: line \d+: not valid TOML/);
    assert.equal(broken.stderr.trim().split("\n").length, 1);
  });

  it("says so when the port is taken, and exits 1", async () => {
    using dir = tempDir();
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const { port } = blocker.address() as { port: number };
    try {
      const result = await runNexus(["serve", "--port", String(port)], { ...quiet, NEXUS_DATA_DIR: dir.path });
      assert.equal(result.code, 1);
      assert.match(result.stderr, new RegExp(`^nexus: port ${port} on 127\\.0\\.0\\.1 is already in use`, "m"));
    } finally {
      blocker.close();
    }
  });

  it("on SIGTERM finishes an in-flight request, keeps the acknowledged write, and exits 0", async () => {
    using dir = tempDir();
    // Deliberately slow hashing keeps the registration in flight when the signal arrives.
    const slow = {
      ...quiet,
      NEXUS_DATA_DIR: dir.path,
      NEXUS_AUTH_ARGON2_MEMORY_KIB: "262144",
      NEXUS_AUTH_ARGON2_TIME_COST: "6",
      // A loaded CI machine can take longer than the default grace period to finish that hash.
      NEXUS_SERVER_SHUTDOWN_TIMEOUT_MS: "120000",
    };
    const first = spawnNexus(["serve", "--port", "0"], slow);
    const [, port] = await first.line(RUNNING);
    const api = new TestClient(`http://127.0.0.1:${port}`);
    const started = Date.now();
    const registering = api.post("/api/v1/auth/register", { username: "ivy", password: "survives the restart" });
    await new Promise((resolve) => setTimeout(resolve, 150));
    first.child.kill("SIGTERM");
    const reg = await registering;
    assert.equal(reg.status, 201);
    assert.ok(Date.now() - started > 150, "the request was still running when the signal came");
    assert.equal(await first.exited, 0);

    const second = spawnNexus(["serve", "--port", "0"], { ...quiet, NEXUS_DATA_DIR: dir.path });
    const [, port2] = await second.line(RUNNING);
    const login = await new TestClient(`http://127.0.0.1:${port2}`).post("/api/v1/auth/login", {
      username: "ivy",
      password: "survives the restart",
    });
    assert.equal(login.status, 200);
    second.child.kill("SIGTERM");
    assert.equal(await second.exited, 0);
  });
});

describe("nexus commands", () => {
  it("prints help and version, and rejects unknown commands with exit 2", async () => {
    const help = await runNexus(["--help"], {});
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: nexus <command>/);
    assert.match(help.stdout, /admin reset-password USER/);
    const version = await runNexus(["--version"], {});
    assert.match(version.stdout, /^nexus \d+\.\d+\.\d+\n$/);
    const unknown = await runNexus(["frobnicate"], {});
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown command "frobnicate"/);
  });

  it("admin reset-password gives a new password and signs the user out", async () => {
    using dir = tempDir();
    const env = { ...quiet, NEXUS_DATA_DIR: dir.path };
    const server = spawnNexus(["serve", "--port", "0"], env);
    const [, port] = await server.line(RUNNING);
    const api = new TestClient(`http://127.0.0.1:${port}`);
    const reg = await api.post("/api/v1/auth/register", { username: "jack", password: "forgotten already" });
    assert.equal(reg.status, 201);

    const reset = await runNexus(["admin", "reset-password", "JACK"], env);
    assert.equal(reset.code, 0, reset.stderr);
    const [, password] = /^New password for JACK: (\S+)$/m.exec(reset.stdout) ?? [];
    assert.ok(password);
    assert.equal((await api.get("/api/v1/users/@me", { token: reg.body.access_token })).status, 401);
    assert.equal((await api.post("/api/v1/auth/login", { username: "jack", password })).status, 200);

    const missing = await runNexus(["admin", "reset-password", "nobody"], env);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /No user is named "nobody"/);
    server.child.kill("SIGTERM");
    assert.equal(await server.exited, 0);
  });
});
