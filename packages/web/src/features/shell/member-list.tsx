/**
 * The right column: the server's members grouped like Discord — online members under their highest hoisted role,
 * the rest online, then offline — with presence dots and a profile card on click (a drawer on small screens).
 */
import type { Member, Role, VisibleStatus } from "@nexus/protocol";
import { useState } from "react";
import { Avatar } from "../../ui/avatar.js";
import { ProfilePopout } from "../profile/profile-popout.js";

const STATUS_LABEL: Record<VisibleStatus, string> = {
  online: "Online",
  idle: "Idle",
  dnd: "Do not disturb",
  offline: "Offline",
};

export function memberName(member: Member): string {
  return member.nickname ?? member.user.display_name ?? member.user.username;
}

/** The colour of the member's highest coloured role, as CSS, or undefined for the default text colour. */
function roleColour(member: Member, roles: Role[]): string | undefined {
  const coloured = roles
    .filter((role) => role.color !== 0 && member.roles.includes(role.id))
    .sort((a, b) => b.position - a.position)[0];
  return coloured ? `#${coloured.color.toString(16).padStart(6, "0")}` : undefined;
}

function MemberItem({
  member,
  status,
  roles,
  onOpen,
}: {
  member: Member;
  status: VisibleStatus;
  roles: Role[];
  onOpen: () => void;
}) {
  const name = memberName(member);
  return (
    <li>
      <button
        type="button"
        className={`member-item member-button${status === "offline" ? " member-offline" : ""}`}
        onClick={onOpen}
      >
        <span className="avatar-with-status">
          <Avatar id={member.user.id} name={name} avatar={member.user.avatar} size={32} />
          <span className={`status-badge status-${status}`} title={STATUS_LABEL[status]} />
        </span>
        <span className="member-name" style={{ color: roleColour(member, roles) }}>
          {name}
        </span>
        <span className="visually-hidden">, {STATUS_LABEL[status]}</span>
      </button>
    </li>
  );
}

/** Online members under their highest hoisted role (highest role first), other online members, then offline. */
export function groupMembers(
  members: Member[],
  roles: Role[],
  statusOf: (member: Member) => VisibleStatus,
): { key: string; title: string; list: Member[] }[] {
  const byName = (a: Member, b: Member) => memberName(a).localeCompare(memberName(b));
  const hoisted = roles.filter((r) => r.hoist).sort((a, b) => b.position - a.position);
  const groups = new Map<string, { key: string; title: string; list: Member[] }>(
    hoisted.map((r) => [r.id, { key: r.id, title: r.name, list: [] }]),
  );
  const online = { key: "online", title: "Online", list: [] as Member[] };
  const offline = { key: "offline", title: "Offline", list: [] as Member[] };
  for (const member of members) {
    if (statusOf(member) === "offline") {
      offline.list.push(member);
      continue;
    }
    const role = hoisted.find((r) => member.roles.includes(r.id));
    (role ? groups.get(role.id) : undefined)?.list.push(member) ?? online.list.push(member);
  }
  return [...groups.values(), online, offline]
    .filter((group) => group.list.length > 0)
    .map((group) => ({ ...group, list: group.list.sort(byName) }));
}

export function MemberList({
  members,
  presences,
  roles,
}: {
  members: Member[] | undefined;
  presences: Record<string, VisibleStatus>;
  roles: Role[];
}) {
  const [openId, setOpenId] = useState<string | null>(null);
  if (!members) {
    return (
      <aside className="member-list" aria-label="Members" aria-busy="true">
        <h2 className="member-group-title">Members</h2>
      </aside>
    );
  }
  const statusOf = (member: Member) => presences[member.user.id] ?? "offline";
  const groups = groupMembers(members, roles, statusOf);
  const opened = members.find((m) => m.user.id === openId);
  return (
    <aside className="member-list" aria-label="Members">
      {opened ? (
        <ProfilePopout
          user={opened.user}
          member={opened}
          roles={roles}
          status={statusOf(opened)}
          onClose={() => setOpenId(null)}
        />
      ) : null}
      {groups.map((group) => (
        <section key={group.key}>
          <h2 className="member-group-title">
            {group.title} — {group.list.length}
          </h2>
          <ul className="member-items">
            {group.list.map((member) => (
              <MemberItem
                key={member.user.id}
                member={member}
                status={statusOf(member)}
                roles={roles}
                onOpen={() => setOpenId(member.user.id)}
              />
            ))}
          </ul>
        </section>
      ))}
    </aside>
  );
}
