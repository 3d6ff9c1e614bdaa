/** Writes a run's results as JSON (for machines and diffs) and a Markdown table (for people). */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Environment } from "./environment.js";
import { type Figure, meetsTarget, type ScenarioReport } from "./scenario.js";

export interface RunReport {
  environment: Environment;
  mode: "full" | "quick";
  scenarios: ScenarioReport[];
}

function formatValue(f: Figure): string {
  if (f.value === null) return `not available: ${f.unavailable ?? "unknown"}`;
  const shown = typeof f.value === "number" ? f.value.toLocaleString("en-US", { maximumFractionDigits: 3 }) : f.value;
  return f.unit ? `${shown} ${f.unit}` : shown;
}

function formatTarget(f: Figure): string {
  if (!f.target) return "";
  const op = f.target.op === "=" ? "" : `${f.target.op.replace("<=", "≤").replace(">=", "≥")} `;
  return `${op}${f.target.value.toLocaleString("en-US")}${f.unit ? ` ${f.unit}` : ""}`;
}

function formatMet(f: Figure): string {
  const met = meetsTarget(f);
  return met === undefined ? "" : met ? "yes" : "**no**";
}

export function renderMarkdown(report: RunReport): string {
  const env = report.environment;
  const lines = [
    `# Nexus benchmark: ${env.backend}, ${report.mode} run, ${env.date.slice(0, 10)}`,
    "",
    `${env.cores} cores (${env.cpu_model}), ${env.memory_gib} GiB RAM, Node ${env.node}, ${env.platform}, ` +
      `commit \`${env.git_commit.slice(0, 12)}\`${env.git_dirty ? " (with uncommitted changes)" : ""}, ` +
      `1-minute load average ${env.load_average_at_start} at the start` +
      (env.load_average_during_run
        ? `, ${env.load_average_during_run.mean} on average and ${env.load_average_during_run.max} at most during the run.`
        : "."),
    "",
    "| scenario | figure | measured | target | met |",
    "| --- | --- | --- | --- | --- |",
  ];
  for (const s of report.scenarios) {
    if (s.status !== "ok") {
      lines.push(`| ${s.title} | | ${s.status}: ${s.reason ?? ""} | | |`);
      continue;
    }
    for (const f of s.figures)
      lines.push(`| ${s.title} | ${f.label} | ${formatValue(f)} | ${formatTarget(f)} | ${formatMet(f)} |`);
    const load = s.loadAverage;
    lines.push(`| ${s.title} | machine load average meanwhile (1-min) | ${load.mean} mean, ${load.max} max | | |`);
  }
  const noted = report.scenarios.filter((s) => s.notes.length > 0);
  if (noted.length > 0) {
    lines.push("", "## Notes", "");
    for (const s of noted) for (const note of s.notes) lines.push(`- **${s.title}:** ${note}`);
  }
  return `${lines.join("\n")}\n`;
}

/** Writes <dir>/<date>-<backend>[-quick][-tag].json and .md; returns the two paths. */
export function writeReport(report: RunReport, dir: string, tag?: string): { json: string; markdown: string } {
  mkdirSync(dir, { recursive: true });
  const base = `${report.environment.date.slice(0, 10)}-${report.environment.backend}${report.mode === "quick" ? "-quick" : ""}${tag ? `-${tag}` : ""}`;
  const json = join(dir, `${base}.json`);
  const markdown = join(dir, `${base}.md`);
  writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(markdown, renderMarkdown(report));
  return { json, markdown };
}
