/** A member's profile card: names, pronouns, about me, roles, and a way to message or befriend them. */
import type { Member, PublicUser, Role, VisibleStatus } from "@nexus/protocol";
import { useNavigate } from "react-router";
import { sessionStore } from "../../state/session.js";
import { useStore } from "../../state/store.js";
import { Avatar } from "../../ui/avatar.js";
import { Button } from "../../ui/button.js";
import { Dialog } from "../../ui/dialog.js";
import { FormError } from "../../ui/form-error.js";
import { useAction } from "../../ui/use-action.js";
import { dmApi } from "../dms/dm-api.js";
import { dmStore } from "../dms/dm-store.js";
import { openDmWith } from "../dms/open-dm.js";

const STATUS_LABEL: Record<VisibleStatus, string> = {
  online: "Online",
  idle: "Idle",
  dnd: "Do Not Disturb",
  offline: "Offline",
};
const joined = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });

export function ProfilePopout({
  user,
  member,
  roles,
  status,
  onClose,
}: {
  user: PublicUser;
  member?: Member | undefined;
  roles: Role[];
  status: VisibleStatus;
  onClose: () => void;
}) {
  const navigate = useNavigate();
  const me = useStore(sessionStore, (s) => (s.status === "signed-in" ? s.user.id : null));
  const relationship = useStore(dmStore, (s) => s.relationships?.[user.id]);
  const action = useAction();
  const name = member?.nickname ?? user.display_name ?? user.username;
  const memberRoles = roles.filter((r) => member?.roles.includes(r.id)).sort((a, b) => b.position - a.position);
  const isMe = user.id === me;
  return (
    <Dialog open onClose={onClose} title={name} className="profile-popout">
      <div className="profile-body">
        <div
          className="profile-banner"
          style={user.accent_color ? { background: `#${user.accent_color.toString(16).padStart(6, "0")}` } : undefined}
        />
        <span className="avatar-with-status profile-avatar">
          <Avatar id={user.id} name={name} avatar={user.avatar} size={80} />
          <span className={`status-badge status-${status}`} />
        </span>
        <p className="profile-username">
          {user.username}
          {user.pronouns ? <span className="profile-pronouns"> · {user.pronouns}</span> : null}
        </p>
        <p className="profile-status">{STATUS_LABEL[status]}</p>
        {user.bio ? (
          <section className="profile-section" aria-label="About me">
            <h3 className="profile-section-title">About me</h3>
            <p className="profile-bio">{user.bio}</p>
          </section>
        ) : null}
        <section className="profile-section" aria-label="Member since">
          <h3 className="profile-section-title">{member ? "Member since" : "Nexus member since"}</h3>
          <p>{joined.format(new Date(member?.joined_at ?? user.created_at))}</p>
        </section>
        {memberRoles.length > 0 ? (
          <section className="profile-section" aria-label="Roles">
            <h3 className="profile-section-title">Roles</h3>
            <ul className="role-chips">
              {memberRoles.map((role) => (
                <li key={role.id} className="role-chip">
                  <span
                    className="role-dot"
                    style={{
                      background: role.color
                        ? `#${role.color.toString(16).padStart(6, "0")}`
                        : "var(--channel-default)",
                    }}
                  />
                  {role.name}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {isMe ? null : (
          <div className="profile-actions">
            <Button onClick={() => void action.run(async () => navigate(await openDmWith(user.id)))} busy={action.busy}>
              Message
            </Button>
            {relationship ? null : (
              <Button variant="secondary" onClick={() => void action.run(() => dmApi.put(user.id))}>
                Add friend
              </Button>
            )}
          </div>
        )}
        <FormError message={action.error} />
      </div>
    </Dialog>
  );
}
