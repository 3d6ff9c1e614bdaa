import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { ConfigError, loadConfig } from "./load-config.js";

const KEY = `\n[secrets]\ntoken_signing_key = "${"k".repeat(43)}"\n`;

function withDir(run: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), "nexus-config-"));
  try {
    run(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const problems = (run: () => unknown): string[] => {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  assert.fail("expected a ConfigError");
};

describe("loadConfig", () => {
  it("applies defaults < file < env < flags", () => {
    withDir((dir) => {
      loadConfig({ flags: { data_dir: dir }, env: {}, createIfMissing: true });
      writeFileSync(
        join(dir, "extra.toml"),
        `data_dir = "."\n[server]\nport = 1111\nhost = "0.0.0.0"\n[log]\nlevel = "warn"\n${KEY}`,
      );
      const base = { configPath: join(dir, "extra.toml"), createIfMissing: false };
      const fileOnly = loadConfig({ ...base, env: {} }).config;
      assert.equal(fileOnly.server.port, 1111);
      assert.equal(fileOnly.log.level, "warn");
      assert.equal(fileOnly.auth.accessTokenTtlSeconds, 900, "a default");
      const env = { NEXUS_SERVER_PORT: "2222", NEXUS_LOG_LEVEL: "error" };
      const withEnv = loadConfig({ ...base, env }).config;
      assert.equal(withEnv.server.port, 2222);
      const withFlag = loadConfig({ ...base, env, flags: { "server.port": "3333" } }).config;
      assert.equal(withFlag.server.port, 3333);
      assert.equal(withFlag.log.level, "error");
      assert.equal(withFlag.server.host, "0.0.0.0");
    });
  });

  it("resolves data_dir: flag and env from the working directory, the file from its own folder, default ./data", () => {
    withDir((dir) => {
      mkdirSync(join(dir, "etc"));
      writeFileSync(join(dir, "etc", "nexus.toml"), `data_dir = "../state"\n${KEY}`);
      const configPath = join(dir, "etc", "nexus.toml");
      assert.equal(loadConfig({ configPath, env: {} }).config.dataDir, join(dir, "state"));
      assert.equal(
        loadConfig({ configPath, env: { NEXUS_DATA_DIR: "env-dir" } }).config.dataDir,
        join(process.cwd(), "env-dir"),
      );
      assert.equal(
        loadConfig({ configPath, env: { NEXUS_DATA_DIR: "env-dir" }, flags: { data_dir: dir } }).config.dataDir,
        dir,
      );
      writeFileSync(configPath, KEY);
      assert.equal(loadConfig({ configPath, env: {} }).config.dataDir, join(process.cwd(), "data"));
    });
  });

  it("collects every problem at once, each naming where it came from", () => {
    withDir((dir) => {
      const configPath = join(dir, "nexus.toml");
      writeFileSync(configPath, '[server]\nport = "x"\ncolour = "red"\n[smtp]\nurl = "smtp://mail.example.org"\n');
      const found = problems(() =>
        loadConfig({
          configPath,
          env: { NEXUS_LOG_LEVEL: "loud", NEXUS_RATE_LIMITS: "sometimes" },
          flags: { "server.host": "" },
        }),
      );
      const expected = [
        `${configPath}: server.colour: unknown setting`,
        `${configPath}: server.port:`,
        "command line: server.host:",
        "NEXUS_LOG_LEVEL: log.level:",
        "secrets.token_signing_key:",
        "NEXUS_RATE_LIMITS: rate_limits.enabled:",
        "smtp.from: required when smtp.url is set",
      ];
      assert.equal(found.length, expected.length, found.join("\n"));
      for (const start of expected)
        assert.ok(
          found.some((p) => p.includes(start)),
          `${start} in\n${found.join("\n")}`,
        );
      assert.ok(!found.join("\n").includes('"x"') || found.some((p) => p.includes('(got "x")')));
    });
  });

  it("NEXUS_RATE_LIMITS=off turns every limit off", () => {
    withDir((dir) => {
      const config = loadConfig({
        flags: { data_dir: dir },
        env: { NEXUS_RATE_LIMITS: "off" },
        createIfMissing: true,
      }).config;
      assert.equal(config.rateLimits.enabled, false);
    });
  });

  it("never prints a secret's value", () => {
    withDir((dir) => {
      const configPath = join(dir, "nexus.toml");
      writeFileSync(configPath, '[secrets]\ntoken_signing_key = "short-secret"\n');
      const [problem] = problems(() => loadConfig({ configPath, env: {} }));
      assert.match(problem ?? "", /secrets\.token_signing_key: .*\(got a hidden value\)/);
      assert.ok(!problem?.includes("short-secret"));
    });
  });
});
