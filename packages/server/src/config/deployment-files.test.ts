/**
 * The files in deploy/ cannot be run here (no container engine, no Kubernetes), so this checks what can go wrong
 * without one: the YAML parses, the compose file has the pieces scale-out needs, and every NEXUS_* variable the
 * files set is a setting nexus reads (a typo would be silently ignored in production).
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { parse } from "yaml";
import { envNameFor } from "./load-config.js";
import { SETTINGS } from "./settings.js";

const deployDir = join(import.meta.dirname, "../../../../deploy");
const read = (path: string) => readFileSync(join(deployDir, path), "utf8");
const knownEnv = new Set(["NEXUS_CONFIG", "NEXUS_RATE_LIMITS", ...SETTINGS.map((s) => envNameFor(s.key))]);
const nexusVariables = (text: string) => [...text.matchAll(/\b(NEXUS_[A-Z0-9_]+)\s*[:=]/g)].map((m) => m[1] as string);

describe("deploy/", () => {
  it("compose runs two nexus nodes on PostgreSQL and Redis behind a load balancer", () => {
    const compose = parse(read("docker-compose.yml"), { merge: true });
    const services = compose.services as Record<string, { environment?: Record<string, string>; build?: unknown }>;
    const nodes = Object.entries(services).filter(([, s]) => s.environment?.NEXUS_DATABASE_URL);
    assert.equal(nodes.length, 2);
    for (const [, node] of nodes) {
      assert.match(node.environment?.NEXUS_DATABASE_URL ?? "", /^postgres:\/\/.*@postgres:5432\//);
      assert.match(node.environment?.NEXUS_REDIS_URL ?? "", /^redis:\/\/redis:6379$/);
    }
    assert.ok(services.postgres && services.redis && services.caddy);
    const caddyfile = read("Caddyfile");
    for (const [name] of nodes) assert.match(caddyfile, new RegExp(`${name}:8080`));
  });

  it("the image is multi-stage, slim and runs as an unprivileged user", () => {
    const dockerfile = read("Dockerfile");
    assert.equal(dockerfile.match(/^FROM node:20-slim AS \w+$/gm)?.length, 2);
    assert.match(dockerfile, /^USER node$/m);
    assert.match(dockerfile, /npm rebuild better-sqlite3/);
  });

  it("the Helm chart's values and chart metadata parse, and its templates are all there", () => {
    const chart = parse(read("helm/nexus/Chart.yaml"));
    assert.equal(chart.name, "nexus");
    const values = parse(read("helm/nexus/values.yaml"));
    assert.ok(values.replicaCount >= 2);
    const templates = readdirSync(join(deployDir, "helm/nexus/templates")).sort();
    for (const kind of ["configmap", "deployment", "ingress", "secret", "service"]) {
      assert.ok(templates.includes(`${kind}.yaml`), `templates/${kind}.yaml`);
    }
  });

  it("sets only NEXUS_* variables that nexus knows", () => {
    const files = ["docker-compose.yml", "Dockerfile", "helm/nexus/values.yaml", "helm/nexus/templates/secret.yaml"];
    for (const file of files) {
      const variables = nexusVariables(read(file));
      assert.ok(variables.length > 0, `${file} sets some`);
      for (const name of variables) assert.ok(knownEnv.has(name), `${file}: ${name} is not a setting`);
    }
  });
});
