/** Renders docs/configuration.md from the settings table, so the reference can never disagree with the code. */
import { envNameFor } from "./load-config.js";
import { SETTINGS, type SettingDefinition } from "./settings.js";

export const CONFIG_DOCS_PATH = "docs/configuration.md";

const HEADER = `# Configuration

<!-- Generated from packages/server/src/config/settings.ts by \`npm run docs:config\`; a test fails when it drifts. -->

Nexus reads every setting with the precedence **defaults < \`nexus.toml\` < \`NEXUS_*\` environment variables <
command-line flags**. The first \`nexus serve\` writes \`nexus.toml\` (mode 0600) into the data directory with every
setting listed, commented, and fresh secrets. An invalid setting stops the server with one line per problem naming
the key, and exit code 2.

- Environment variables: \`NEXUS_\` followed by the key in capitals with dots as underscores
  (\`server.port\` → \`NEXUS_SERVER_PORT\`). Lists take comma-separated values; booleans take
  \`true\`/\`false\`, \`on\`/\`off\`, \`yes\`/\`no\` or \`1\`/\`0\`.
- Flags: \`--host\` (server.host), \`--port\` (server.port), \`--data-dir\` (data_dir), \`--config\` (path to
  nexus.toml, env \`NEXUS_CONFIG\`), \`--lite\` (embedded backends).
- \`NEXUS_RATE_LIMITS=off\` turns every rate limit off (load tests and benchmarks only); \`on\` forces them on.
- \`data_dir\`: a flag or \`NEXUS_DATA_DIR\` is relative to the working directory; a value in \`nexus.toml\` is relative
  to that file's folder (useful with \`--config\`). Default: \`./data\`.
`;

const code = (value: unknown) => `\`${JSON.stringify(value)}\``;
const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

function row(setting: SettingDefinition): string {
  // Only [secrets] are generated; other secrets (API keys, S3 credentials) start empty and are never printed.
  const shown = setting.key.startsWith("secrets.") ? "generated on first run" : code(setting.default);
  return `| \`${setting.key}\` | \`${envNameFor(setting.key)}\` | ${cell(shown)} | ${cell(setting.doc)} |`;
}

export function renderConfigDocs(): string {
  const sections = new Map<string, SettingDefinition[]>();
  for (const setting of SETTINGS) {
    const dot = setting.key.indexOf(".");
    const section = dot === -1 ? "general" : setting.key.slice(0, dot);
    sections.set(section, [...(sections.get(section) ?? []), setting]);
  }
  const parts = [HEADER];
  for (const [section, settings] of sections) {
    parts.push(`## ${section === "general" ? "General" : `[${section}]`}\n`);
    parts.push("| key | environment variable | default | what it does |");
    parts.push("| --- | --- | --- | --- |");
    parts.push(...settings.map(row), "");
  }
  return `${parts.join("\n").trimEnd()}\n`;
}
