/**
 * A channel's permission overwrites: pick @everyone, a role or a member, then set each permission to deny, neutral
 * or allow. Only permissions the editor holds in the channel can be changed (the server refuses the rest).
 */
import {
  type Channel,
  type Member,
  type PermissionOverwrite,
  Permissions,
  parsePermissions,
  type Role,
  serializePermissions,
} from "@nexus/protocol";
import { useState } from "react";
import { SaveBar } from "../../ui/save-bar.js";
import { useAction } from "../../ui/use-action.js";
import { memberName } from "../shell/member-list.js";
import { guildAdminApi } from "./admin-api.js";
import type { Authority } from "./authority.js";
import { PERMISSION_GROUPS } from "./permission-catalog.js";
import { type OverwriteValue, TriState } from "./tri-state.js";

interface Target {
  id: string;
  type: "role" | "member";
  name: string;
}

function stateOf(bit: bigint, allow: bigint, deny: bigint): OverwriteValue {
  if (allow & bit) return "allow";
  if (deny & bit) return "deny";
  return "neutral";
}

function OverwriteForm({
  channel,
  target,
  overwrite,
  authority,
}: {
  channel: Channel;
  target: Target;
  overwrite: PermissionOverwrite | undefined;
  authority: Authority;
}) {
  const [allow, setAllow] = useState(() => parsePermissions(overwrite?.allow ?? "0"));
  const [deny, setDeny] = useState(() => parsePermissions(overwrite?.deny ?? "0"));
  const [saved, setSaved] = useState(false);
  const action = useAction();
  const held = authority.bits(channel);
  const changed =
    allow !== parsePermissions(overwrite?.allow ?? "0") || deny !== parsePermissions(overwrite?.deny ?? "0");

  const set = (bit: bigint, value: OverwriteValue) => {
    setSaved(false);
    setAllow((bits) => (value === "allow" ? bits | bit : bits & ~bit));
    setDeny((bits) => (value === "deny" ? bits | bit : bits & ~bit));
  };

  const save = () =>
    void action
      .run(() =>
        allow === 0n && deny === 0n
          ? guildAdminApi.deleteOverwrite(channel.id, target.id)
          : guildAdminApi.putOverwrite(channel.id, target.id, {
              type: target.type,
              allow: serializePermissions(allow),
              deny: serializePermissions(deny),
            }),
      )
      .then((ok) => setSaved(ok));

  return (
    <div className="overwrite-form">
      {PERMISSION_GROUPS.filter((group) => group.channel).map((group) => (
        <section key={group.title} className="permission-group" aria-label={group.title}>
          <h3 className="permission-group-title">{group.title}</h3>
          {group.permissions.map((permission) => {
            const bit = Permissions[permission.name];
            return (
              <TriState
                key={permission.name}
                label={permission.label}
                description={permission.description}
                value={stateOf(bit, allow, deny)}
                disabled={(held & bit) === 0n}
                onChange={(value) => set(bit, value)}
              />
            );
          })}
        </section>
      ))}
      <SaveBar changed={changed} saved={saved} busy={action.busy} error={action.error} onSave={save} />
    </div>
  );
}

export function OverwriteEditor({
  channel,
  roles,
  members,
  authority,
}: {
  channel: Channel;
  roles: Role[];
  members: Member[];
  authority: Authority;
}) {
  const everyone = channel.guild_id;
  const nameOf = (overwrite: { id: string; type: "role" | "member" }): string => {
    if (overwrite.type === "role") {
      return overwrite.id === everyone
        ? "@everyone"
        : (roles.find((r) => r.id === overwrite.id)?.name ?? "Deleted role");
    }
    const member = members.find((m) => m.user.id === overwrite.id);
    return member ? memberName(member) : "Unknown member";
  };
  const listed: Target[] = [
    { id: everyone, type: "role" as const },
    ...channel.permission_overwrites.filter((o) => o.id !== everyone),
  ].map((o) => ({ id: o.id, type: o.type, name: nameOf(o) }));
  const [extra, setExtra] = useState<Target[]>([]);
  const targets = [...listed, ...extra.filter((t) => !listed.some((l) => l.id === t.id))];
  const [selected, setSelected] = useState(everyone);
  const target = targets.find((t) => t.id === selected) ?? targets[0];
  const addable = [
    ...[...roles]
      .filter((r) => r.id !== everyone)
      .sort((a, b) => b.position - a.position)
      .map((r) => ({ id: r.id, type: "role" as const, name: r.name })),
    ...members.map((m) => ({ id: m.user.id, type: "member" as const, name: memberName(m) })),
  ].filter((t) => !targets.some((existing) => existing.id === t.id));

  const add = (id: string) => {
    const found = addable.find((t) => t.id === id);
    if (!found) return;
    setExtra((list) => [...list, found]);
    setSelected(found.id);
  };

  return (
    <div className="overwrite-editor">
      <div className="overwrite-targets">
        <h2 className="settings-block-title" id="overwrite-targets-title">
          Roles / members
        </h2>
        <ul aria-labelledby="overwrite-targets-title">
          {targets.map((t) => (
            <li key={t.id}>
              <button
                type="button"
                className={`settings-nav-item${t.id === target?.id ? " settings-nav-item-active" : ""}`}
                aria-current={t.id === target?.id ? "true" : undefined}
                onClick={() => setSelected(t.id)}
              >
                {t.type === "member" ? `${t.name} (member)` : t.name}
              </button>
            </li>
          ))}
        </ul>
        {addable.length > 0 ? (
          <select className="input" aria-label="Add a role or member" value="" onChange={(e) => add(e.target.value)}>
            <option value="">Add a role or member…</option>
            {addable.map((t) => (
              <option key={t.id} value={t.id}>
                {t.type === "member" ? `Member: ${t.name}` : `Role: ${t.name}`}
              </option>
            ))}
          </select>
        ) : null}
      </div>
      {target ? (
        <section className="overwrite-permissions" aria-label={`Permissions for ${target.name}`}>
          <h2 className="settings-block-title">Permissions for {target.name}</h2>
          <OverwriteForm
            key={target.id}
            channel={channel}
            target={target}
            overwrite={channel.permission_overwrites.find((o) => o.id === target.id)}
            authority={authority}
          />
        </section>
      ) : null}
    </div>
  );
}
