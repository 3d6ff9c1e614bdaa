/** Members: search, assign roles, time out, kick and ban — each control shown only to those who may use it. */
import type { Member, Role } from "@nexus/protocol";
import { useState } from "react";
import type { GuildEntry } from "../../state/community.js";
import { Avatar } from "../../ui/avatar.js";
import { Button } from "../../ui/button.js";
import { Dialog } from "../../ui/dialog.js";
import { FormError } from "../../ui/form-error.js";
import { TextField } from "../../ui/text-field.js";
import { useAction } from "../../ui/use-action.js";
import { memberName } from "../shell/member-list.js";
import { guildAdminApi } from "./admin-api.js";
import type { Authority } from "./authority.js";

const TIMEOUTS: [string, number][] = [
  ["60 seconds", 60],
  ["5 minutes", 300],
  ["10 minutes", 600],
  ["1 hour", 3600],
  ["1 day", 86_400],
  ["1 week", 604_800],
];

type Pending = { kind: "kick" | "ban" | "timeout"; member: Member } | null;

function ModerationDialog({
  pending,
  guildId,
  onClose,
}: {
  pending: NonNullable<Pending>;
  guildId: string;
  onClose: () => void;
}) {
  const [reason, setReason] = useState("");
  const [seconds, setSeconds] = useState(3600);
  const [deleteDays, setDeleteDays] = useState(0);
  const action = useAction();
  const name = memberName(pending.member);
  const userId = pending.member.user.id;
  const titles = { kick: `Kick ${name}`, ban: `Ban ${name}`, timeout: `Time out ${name}` };
  const run = () =>
    void action
      .run(() => {
        if (pending.kind === "kick") return guildAdminApi.kick(guildId, userId);
        if (pending.kind === "ban") {
          return guildAdminApi.ban(guildId, userId, {
            ...(reason.trim() ? { reason: reason.trim() } : {}),
            delete_message_seconds: deleteDays * 86_400,
          });
        }
        return guildAdminApi.updateMember(guildId, userId, {
          timeout_until: new Date(Date.now() + seconds * 1000).toISOString(),
        });
      })
      .then((ok) => ok && onClose());
  return (
    <Dialog open onClose={onClose} title={titles[pending.kind]}>
      <div className="dialog-form">
        {pending.kind === "timeout" ? (
          <div className="field">
            <label className="field-label" htmlFor="timeout-duration">
              Duration
            </label>
            <select
              id="timeout-duration"
              className="input"
              value={seconds}
              onChange={(e) => setSeconds(Number(e.target.value))}
            >
              {TIMEOUTS.map(([label, value]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        {pending.kind === "ban" ? (
          <>
            <div className="field">
              <label className="field-label" htmlFor="ban-delete">
                Delete message history
              </label>
              <select
                id="ban-delete"
                className="input"
                value={deleteDays}
                onChange={(e) => setDeleteDays(Number(e.target.value))}
              >
                <option value={0}>Don't delete any</option>
                <option value={1}>Previous 24 hours</option>
                <option value={7}>Previous 7 days</option>
              </select>
            </div>
            <TextField
              label="Reason for ban"
              value={reason}
              maxLength={512}
              onChange={(e) => setReason(e.target.value)}
            />
          </>
        ) : null}
        {pending.kind === "kick" ? <p>They can rejoin with a new invite.</p> : null}
        <FormError message={action.error} />
        <div className="dialog-actions">
          <Button variant="link" onClick={onClose}>
            Cancel
          </Button>
          <Button variant="danger" busy={action.busy} onClick={run}>
            {pending.kind === "kick" ? "Kick" : pending.kind === "ban" ? "Ban" : "Time out"}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}

function RoleChips({
  member,
  roles,
  guildId,
  authority,
}: {
  member: Member;
  roles: Role[];
  guildId: string;
  authority: Authority;
}) {
  const action = useAction();
  const assignable = roles.filter((r) => authority.canManageRole(r) && !member.roles.includes(r.id));
  const name = memberName(member);
  const setRoles = (next: string[]) =>
    void action.run(() => guildAdminApi.updateMember(guildId, member.user.id, { roles: next }));
  return (
    <div className="member-roles">
      <ul className="role-chips" aria-label={`Roles of ${name}`}>
        {roles
          .filter((r) => member.roles.includes(r.id))
          .map((r) => (
            <li key={r.id} className="role-chip">
              {r.name}
              {authority.has("MANAGE_ROLES") && authority.canManageRole(r) ? (
                <button
                  type="button"
                  className="role-chip-remove"
                  aria-label={`Remove role ${r.name} from ${name}`}
                  onClick={() => setRoles(member.roles.filter((id) => id !== r.id))}
                >
                  ×
                </button>
              ) : null}
            </li>
          ))}
      </ul>
      {authority.has("MANAGE_ROLES") && assignable.length > 0 ? (
        <select
          className="input input-small"
          aria-label={`Add a role to ${name}`}
          value=""
          onChange={(e) => e.target.value && setRoles([...member.roles, e.target.value])}
        >
          <option value="">Add role…</option>
          {assignable.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </select>
      ) : null}
      <FormError message={action.error} />
    </div>
  );
}

export function MembersSection({
  entry,
  members,
  userId,
  authority,
}: {
  entry: GuildEntry;
  members: Member[];
  userId: string;
  authority: Authority;
}) {
  const [query, setQuery] = useState("");
  const [pending, setPending] = useState<Pending>(null);
  const guildId = entry.guild.id;
  const roles = [...entry.roles].filter((r) => r.id !== guildId).sort((a, b) => b.position - a.position);
  const needle = query.trim().toLowerCase();
  const shown = members
    .filter(
      (m) => !needle || memberName(m).toLowerCase().includes(needle) || m.user.username.toLowerCase().includes(needle),
    )
    .sort((a, b) => memberName(a).localeCompare(memberName(b)));

  return (
    <>
      <TextField label="Search members" type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
      <p className="settings-block-description">{members.length} members</p>
      <ul className="admin-list" aria-label="Members">
        {shown.map((member) => {
          const name = memberName(member);
          const actionable = member.user.id !== userId && authority.outranks(member);
          const timedOut = member.timeout_until && Date.parse(member.timeout_until) > Date.now();
          return (
            <li key={member.user.id} className="admin-item">
              <Avatar id={member.user.id} name={name} size={32} />
              <div className="admin-item-main">
                <span className="admin-item-title">
                  {name}
                  {member.user.id === entry.guild.owner_id ? <span className="admin-badge"> Owner</span> : null}
                  {timedOut ? <span className="admin-badge"> Timed out</span> : null}
                </span>
                <span className="admin-item-meta">{member.user.username}</span>
                <RoleChips member={member} roles={roles} guildId={guildId} authority={authority} />
              </div>
              {actionable ? (
                <div className="admin-item-actions">
                  {authority.has("MODERATE_MEMBERS") ? (
                    timedOut ? (
                      <Button
                        variant="secondary"
                        aria-label={`Remove timeout from ${name}`}
                        onClick={() =>
                          void guildAdminApi.updateMember(guildId, member.user.id, { timeout_until: null })
                        }
                      >
                        Remove timeout
                      </Button>
                    ) : (
                      <Button
                        variant="secondary"
                        aria-label={`Time out ${name}`}
                        onClick={() => setPending({ kind: "timeout", member })}
                      >
                        Timeout
                      </Button>
                    )
                  ) : null}
                  {authority.has("KICK_MEMBERS") ? (
                    <Button
                      variant="secondary"
                      aria-label={`Kick ${name}`}
                      onClick={() => setPending({ kind: "kick", member })}
                    >
                      Kick
                    </Button>
                  ) : null}
                  {authority.has("BAN_MEMBERS") ? (
                    <Button
                      variant="danger"
                      aria-label={`Ban ${name}`}
                      onClick={() => setPending({ kind: "ban", member })}
                    >
                      Ban
                    </Button>
                  ) : null}
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
      {pending ? <ModerationDialog pending={pending} guildId={guildId} onClose={() => setPending(null)} /> : null}
    </>
  );
}
