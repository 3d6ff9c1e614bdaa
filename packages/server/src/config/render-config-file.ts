/** Renders a complete, commented nexus.toml from the settings table. */
import { stringify } from "smol-toml";
import { SETTINGS, type SettingDefinition } from "./settings.js";

const HEADER = `# Nexus configuration. Every setting is listed with its default.
# Precedence: defaults < this file < NEXUS_* environment variables < command-line flags.
# Each setting's variable is NEXUS_ plus its key in capitals with dots as underscores:
# server.port -> NEXUS_SERVER_PORT. Keep this file private: it holds secrets.
`;

const tomlValue = (value: unknown) => stringify({ v: value }).replace(/^v = /, "").trim();

function renderSetting(setting: SettingDefinition, name: string, value: unknown, commentedOut: boolean): string {
  const doc = setting.doc
    .split(/(?<=\.) /)
    .map((line) => `# ${line}`)
    .join("\n");
  return `${doc}\n${commentedOut ? "# " : ""}${name} = ${tomlValue(value)}\n`;
}

export function renderConfigFile(secrets: Record<string, string>): string {
  const parts = [HEADER];
  const sections = new Map<string, SettingDefinition[]>();
  for (const setting of SETTINGS) {
    const dot = setting.key.indexOf(".");
    if (dot === -1) {
      // data_dir is only meaningful when this file lives outside the data dir (--config).
      parts.push(renderSetting(setting, setting.key, setting.default, true));
      continue;
    }
    const section = setting.key.slice(0, dot);
    sections.set(section, [...(sections.get(section) ?? []), setting]);
  }
  for (const [section, settings] of sections) {
    parts.push(`[${section}]`);
    for (const setting of settings) {
      const name = setting.key.slice(section.length + 1);
      parts.push(renderSetting(setting, name, secrets[setting.key] ?? setting.default, false));
    }
  }
  return `${parts.join("\n")}`;
}
