/** Server settings: only the sections the user's permissions allow are listed (the protocol resolver decides). */
import type { CurrentUser, Member } from "@nexus/protocol";
import type { GuildEntry } from "../../state/community.js";
import { closeLayer, openServerSettings } from "../../state/layers.js";
import { type SettingsGroup, SettingsLayer, type SettingsSection } from "../../ui/settings-layer.js";
import { LinkPreviewSettingsSection } from "../embeds/link-preview-settings-section.js";
import { EmojiSettingsSection } from "../emoji/emoji-settings-section.js";
import { AuditLogSection } from "./audit-log-section.js";
import type { Authority } from "./authority.js";
import { BansSection } from "./bans-section.js";
import { InvitesSection } from "./invites-section.js";
import { MembersSection } from "./members-section.js";
import { OverviewSection } from "./overview-section.js";
import { RolesSection } from "./roles-section.js";

function sectionsFor(authority: Authority): SettingsGroup[] {
  const has = authority.has;
  const pick = (entries: [boolean, SettingsSection][]) => entries.filter(([ok]) => ok).map(([, s]) => s);
  return [
    {
      title: "Server",
      sections: pick([
        [has("MANAGE_GUILD"), { id: "overview", label: "Overview" }],
        [has("MANAGE_ROLES"), { id: "roles", label: "Roles" }],
        [has("MANAGE_EMOJIS"), { id: "emoji", label: "Emoji" }],
        [has("MANAGE_GUILD"), { id: "link-previews", label: "Link Previews" }],
      ]),
    },
    {
      title: "User management",
      sections: pick([
        [
          has("MANAGE_ROLES") || has("KICK_MEMBERS") || has("BAN_MEMBERS") || has("MODERATE_MEMBERS"),
          { id: "members", label: "Members" },
        ],
        [has("MANAGE_GUILD"), { id: "invites", label: "Invites" }],
        [has("BAN_MEMBERS"), { id: "bans", label: "Bans" }],
      ]),
    },
    { title: "Moderation", sections: pick([[has("VIEW_AUDIT_LOG"), { id: "audit-log", label: "Audit Log" }]]) },
  ].filter((group) => group.sections.length > 0);
}

/** Whether the user may open server settings at all. */
export function canOpenServerSettings(authority: Authority): boolean {
  return sectionsFor(authority).length > 0;
}

export function ServerSettings({
  entry,
  members,
  user,
  authority,
  section,
}: {
  entry: GuildEntry;
  members: Member[];
  user: CurrentUser;
  authority: Authority;
  section: string;
}) {
  const groups = sectionsFor(authority);
  const all = groups.flatMap((g) => g.sections);
  const active = all.some((s) => s.id === section) ? section : (all[0]?.id ?? "");
  const guildId = entry.guild.id;
  return (
    <SettingsLayer
      title="Server settings"
      groups={groups}
      active={active}
      onClose={closeLayer}
      onSelect={(id) => openServerSettings(guildId, id)}
    >
      {active === "overview" ? <OverviewSection entry={entry} authority={authority} /> : null}
      {active === "roles" ? <RolesSection entry={entry} authority={authority} /> : null}
      {active === "emoji" ? <EmojiSettingsSection entry={entry} /> : null}
      {active === "link-previews" ? <LinkPreviewSettingsSection guildId={guildId} /> : null}
      {active === "members" ? (
        <MembersSection entry={entry} members={members} userId={user.id} authority={authority} />
      ) : null}
      {active === "invites" ? <InvitesSection guildId={guildId} /> : null}
      {active === "bans" ? <BansSection guildId={guildId} /> : null}
      {active === "audit-log" ? <AuditLogSection entry={entry} members={members} /> : null}
    </SettingsLayer>
  );
}
