/** Audit log: who changed what, newest first, in sentences; older pages on demand. */
import type { AuditLogEntry, Member } from "@nexus/protocol";
import { useState } from "react";
import type { GuildEntry } from "../../state/community.js";
import { Button } from "../../ui/button.js";
import { FormError } from "../../ui/form-error.js";
import { useAction } from "../../ui/use-action.js";
import { memberName } from "../shell/member-list.js";
import { guildAdminApi } from "./admin-api.js";
import { useLoaded } from "./use-loaded.js";

const PAGE = 50;
const when = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

const VERBS: Record<AuditLogEntry["action"], string> = {
  guild_update: "updated the server",
  channel_create: "created a channel",
  channel_update: "updated a channel",
  channel_delete: "deleted a channel",
  channel_overwrite_create: "added channel permissions",
  channel_overwrite_update: "changed channel permissions",
  channel_overwrite_delete: "removed channel permissions",
  member_kick: "kicked a member",
  member_ban_add: "banned a member",
  member_ban_remove: "unbanned a member",
  member_update: "updated a member",
  member_role_update: "changed a member's roles",
  role_create: "created a role",
  role_update: "updated a role",
  role_delete: "deleted a role",
  invite_create: "created an invite",
  invite_delete: "deleted an invite",
  emoji_create: "added an emoji",
  emoji_update: "renamed an emoji",
  emoji_delete: "deleted an emoji",
};

function describeTarget(entry: AuditLogEntry, guild: GuildEntry, members: Member[]): string {
  const id = entry.target_id;
  if (!id) return "";
  const channel = guild.channels.find((c) => c.id === id);
  if (channel) return `#${channel.name}`;
  const role = guild.roles.find((r) => r.id === id);
  if (role) return `@${role.name}`;
  const member = members.find((m) => m.user.id === id);
  if (member) return memberName(member);
  const named = entry.changes.find((c) => c.key === "name");
  const name = named?.new_value ?? named?.old_value;
  return typeof name === "string" ? name : id;
}

function describeChange(change: AuditLogEntry["changes"][number]): string {
  const show = (v: unknown) => (v === undefined || v === null ? "none" : typeof v === "string" ? v : JSON.stringify(v));
  return `${change.key}: ${show(change.old_value)} → ${show(change.new_value)}`;
}

export function AuditLogSection({ entry: guild, members }: { entry: GuildEntry; members: Member[] }) {
  const log = useLoaded(() => guildAdminApi.auditLog(guild.guild.id), guild.guild.id);
  const [done, setDone] = useState(false);
  const action = useAction();
  const nameOf = (userId: string) => {
    const member = members.find((m) => m.user.id === userId);
    return member ? memberName(member) : "Someone";
  };
  const older = () =>
    void action.run(async () => {
      const last = log.items?.at(-1);
      const page = await guildAdminApi.auditLog(guild.guild.id, last?.id);
      log.setItems((items) => [...(items ?? []), ...page]);
      if (page.length < PAGE) setDone(true);
    });
  const error = log.error ?? action.error;
  return (
    <>
      <FormError message={error} />
      {log.items?.length === 0 ? <p className="settings-block-description">Nothing has happened yet.</p> : null}
      <ol className="admin-list" aria-label="Audit log entries" aria-busy={log.items === null}>
        {log.items?.map((item) => (
          <li key={item.id} className="admin-item audit-item">
            <div className="admin-item-main">
              <span className="admin-item-title">
                {nameOf(item.user_id)} {VERBS[item.action]} {describeTarget(item, guild, members)}
              </span>
              <span className="admin-item-meta">
                {when.format(new Date(item.created_at))}
                {item.reason ? ` · Reason: ${item.reason}` : ""}
              </span>
              {item.changes.length > 0 ? (
                <ul className="audit-changes">
                  {item.changes.map((change) => (
                    <li key={change.key}>{describeChange(change)}</li>
                  ))}
                </ul>
              ) : null}
            </div>
          </li>
        ))}
      </ol>
      {log.items && log.items.length >= PAGE && !done ? (
        <Button variant="secondary" onClick={older} busy={action.busy}>
          Load older entries
        </Button>
      ) : null}
    </>
  );
}
