/** The right column: the server's members, online first, with presence dots (a drawer on small screens). */
import type { Member, Role, VisibleStatus } from "@nexus/protocol";
import { Avatar } from "../../ui/avatar.js";

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

function MemberItem({ member, status, roles }: { member: Member; status: VisibleStatus; roles: Role[] }) {
  const name = memberName(member);
  return (
    <li className={`member-item${status === "offline" ? " member-offline" : ""}`}>
      <span className="avatar-with-status">
        <Avatar id={member.user.id} name={name} size={32} />
        <span className={`status-badge status-${status}`} title={STATUS_LABEL[status]} />
      </span>
      <span className="member-name" style={{ color: roleColour(member, roles) }}>
        {name}
      </span>
      <span className="visually-hidden">, {STATUS_LABEL[status]}</span>
    </li>
  );
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
  if (!members) {
    return (
      <aside className="member-list" aria-label="Members" aria-busy="true">
        <h2 className="member-group-title">Members</h2>
      </aside>
    );
  }
  const statusOf = (member: Member) => presences[member.user.id] ?? "offline";
  const byName = (a: Member, b: Member) => memberName(a).localeCompare(memberName(b));
  const online = members.filter((m) => statusOf(m) !== "offline").sort(byName);
  const offline = members.filter((m) => statusOf(m) === "offline").sort(byName);
  const groups = [
    { title: "Online", list: online },
    { title: "Offline", list: offline },
  ].filter((group) => group.list.length > 0);
  return (
    <aside className="member-list" aria-label="Members">
      {groups.map((group) => (
        <section key={group.title}>
          <h2 className="member-group-title">
            {group.title} — {group.list.length}
          </h2>
          <ul className="member-items">
            {group.list.map((member) => (
              <MemberItem key={member.user.id} member={member} status={statusOf(member)} roles={roles} />
            ))}
          </ul>
        </section>
      ))}
    </aside>
  );
}
