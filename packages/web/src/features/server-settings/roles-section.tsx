/**
 * Roles: the list in hierarchy order (drag, or the move buttons, to reorder roles below your own), and an editor
 * for the selected role's name, colour, display options and permissions, grouped and described.
 */
import { Permissions, parsePermissions, type Role, serializePermissions } from "@nexus/protocol";
import { type DragEvent, useState } from "react";
import type { GuildEntry } from "../../state/community.js";
import { Button } from "../../ui/button.js";
import { FormError } from "../../ui/form-error.js";
import { SaveBar } from "../../ui/save-bar.js";
import { TextField } from "../../ui/text-field.js";
import { useAction } from "../../ui/use-action.js";
import { guildAdminApi } from "./admin-api.js";
import type { Authority } from "./authority.js";
import { PERMISSION_GROUPS } from "./permission-catalog.js";
import { moveRole } from "./role-order.js";
import { PermissionSwitch } from "./tri-state.js";

const hex = (color: number) => `#${color.toString(16).padStart(6, "0")}`;

function RoleEditor({ role, guildId, authority }: { role: Role; guildId: string; authority: Authority }) {
  const everyone = role.id === guildId;
  const editable = everyone ? authority.has("MANAGE_ROLES") : authority.canManageRole(role);
  const held = authority.bits();
  const [name, setName] = useState(role.name);
  const [color, setColor] = useState(role.color);
  const [hoist, setHoist] = useState(role.hoist);
  const [mentionable, setMentionable] = useState(role.mentionable);
  const [bits, setBits] = useState(() => parsePermissions(role.permissions));
  const [saved, setSaved] = useState(false);
  const action = useAction();
  const changed =
    name !== role.name ||
    color !== role.color ||
    hoist !== role.hoist ||
    mentionable !== role.mentionable ||
    bits !== parsePermissions(role.permissions);

  const save = () =>
    void action
      .run(() =>
        guildAdminApi.updateRole(guildId, role.id, {
          ...(everyone ? {} : { name: name.trim(), color, hoist, mentionable }),
          permissions: serializePermissions(bits),
        }),
      )
      .then(setSaved);

  return (
    <section className="role-editor" aria-label={`Edit role ${role.name}`}>
      {editable ? null : (
        <p className="settings-warning">You can only edit roles below your highest role, and only with Manage Roles.</p>
      )}
      {/* @everyone has no name, colour or grouping: an empty fieldset would still draw its border. */}
      {everyone ? null : (
        <fieldset className="settings-form" disabled={!editable}>
          <legend className="visually-hidden">Display</legend>
          <TextField label="Role name" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
          <div className="field">
            <label className="field-label" htmlFor="role-color">
              Role colour
            </label>
            <input
              id="role-color"
              type="color"
              className="color-input"
              value={hex(color)}
              onChange={(e) => setColor(Number.parseInt(e.target.value.slice(1), 16))}
            />
          </div>
          <PermissionSwitch
            label="Display role members separately from online members"
            description="Members with this role get their own group in the member list."
            checked={hoist}
            disabled={!editable}
            onChange={setHoist}
          />
          <PermissionSwitch
            label="Allow anyone to @mention this role"
            description="Members with Mention @everyone can always mention every role."
            checked={mentionable}
            disabled={!editable}
            onChange={setMentionable}
          />
        </fieldset>
      )}
      {PERMISSION_GROUPS.map((group) => (
        <section key={group.title} className="permission-group" aria-label={group.title}>
          <h3 className="permission-group-title">{group.title}</h3>
          {group.permissions.map((permission) => {
            const bit = Permissions[permission.name];
            return (
              <PermissionSwitch
                key={permission.name}
                label={permission.label}
                description={permission.description}
                checked={(bits & bit) !== 0n}
                disabled={!editable || (held & bit) === 0n}
                onChange={(on) => {
                  setSaved(false);
                  setBits((b) => (on ? b | bit : b & ~bit));
                }}
              />
            );
          })}
        </section>
      ))}
      <SaveBar changed={changed} saved={saved} busy={action.busy} error={action.error} onSave={save} />
    </section>
  );
}

export function RolesSection({ entry, authority }: { entry: GuildEntry; authority: Authority }) {
  const guildId = entry.guild.id;
  const ordered = [...entry.roles].sort((a, b) => b.position - a.position);
  const movable = ordered.filter((r) => r.id !== guildId);
  const [selected, setSelected] = useState(ordered[0]?.id ?? guildId);
  const [dragging, setDragging] = useState<string | null>(null);
  const action = useAction();
  const role = entry.roles.find((r) => r.id === selected) ?? entry.roles.find((r) => r.id === guildId);

  const move = (roleId: string, toIndex: number) => {
    const target = movable[toIndex];
    // Nothing may land at or above your own highest role.
    if (!target || !authority.canManageRole(target)) return;
    const positions = moveRole(entry.roles, guildId, roleId, toIndex);
    if (positions.length > 0) void action.run(() => guildAdminApi.moveRoles(guildId, positions));
  };

  const onDrop = (event: DragEvent, toIndex: number) => {
    event.preventDefault();
    if (dragging) move(dragging, toIndex);
    setDragging(null);
  };

  return (
    <div className="roles-layout">
      <div className="role-list-column">
        <Button
          onClick={() => void action.run(async () => setSelected((await guildAdminApi.createRole(guildId)).id))}
          busy={action.busy}
        >
          Create role
        </Button>
        <FormError message={action.error} />
        <ul className="role-list" aria-label="Roles, highest first">
          {ordered.map((r) => {
            const index = movable.findIndex((m) => m.id === r.id);
            const canMove = index >= 0 && authority.canManageRole(r);
            return (
              <li
                key={r.id}
                className={`role-item${r.id === selected ? " role-item-active" : ""}${dragging === r.id ? " role-item-dragging" : ""}`}
                draggable={canMove}
                onDragStart={() => setDragging(r.id)}
                onDragEnd={() => setDragging(null)}
                onDragOver={(event) => canMove && event.preventDefault()}
                onDrop={(event) => onDrop(event, index)}
              >
                <span className="role-dot" style={{ background: r.color ? hex(r.color) : "var(--channel-default)" }} />
                <button
                  type="button"
                  className="role-name-button"
                  aria-current={r.id === selected ? "true" : undefined}
                  onClick={() => setSelected(r.id)}
                >
                  {r.id === guildId ? "@everyone" : r.name}
                </button>
                {canMove ? (
                  <span className="role-move">
                    <button
                      type="button"
                      className="icon-button"
                      aria-label={`Move ${r.name} up`}
                      disabled={index === 0 || !authority.canManageRole(movable[index - 1] ?? r)}
                      onClick={() => move(r.id, index - 1)}
                    >
                      ▲
                    </button>
                    <button
                      type="button"
                      className="icon-button"
                      aria-label={`Move ${r.name} down`}
                      disabled={index === movable.length - 1}
                      onClick={() => move(r.id, index + 1)}
                    >
                      ▼
                    </button>
                  </span>
                ) : null}
              </li>
            );
          })}
        </ul>
      </div>
      {role ? (
        <div className="role-editor-column">
          <div className="role-editor-header">
            <h2 className="settings-block-title">Edit role — {role.id === guildId ? "@everyone" : role.name}</h2>
            {role.id !== guildId && authority.canManageRole(role) ? (
              <Button
                variant="danger"
                onClick={() =>
                  void action
                    .run(() => guildAdminApi.deleteRole(guildId, role.id))
                    .then((ok) => ok && setSelected(guildId))
                }
              >
                Delete role
              </Button>
            ) : null}
          </div>
          <RoleEditor key={role.id} role={role} guildId={guildId} authority={authority} />
        </div>
      ) : null}
    </div>
  );
}
