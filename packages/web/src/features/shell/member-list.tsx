/** The right column: who is in this server (hidden behind a toggle, a drawer on small screens). */
import type { CurrentUser } from "@nexus/protocol";
import { Avatar } from "../../ui/avatar.js";

export interface MemberEntry {
  id: string;
  name: string;
}

export function MemberList({ title, members }: { title: string; members: MemberEntry[] }) {
  return (
    <aside className="member-list" aria-label="Members">
      <h2 className="member-group-title">
        {title} — {members.length}
      </h2>
      <ul className="member-items">
        {members.map((member) => (
          <li key={member.id} className="member-item">
            <Avatar id={member.id} name={member.name} size={32} />
            <span className="member-name">{member.name}</span>
          </li>
        ))}
      </ul>
    </aside>
  );
}

export function selfEntry(user: CurrentUser): MemberEntry {
  return { id: user.id, name: user.display_name ?? user.username };
}
