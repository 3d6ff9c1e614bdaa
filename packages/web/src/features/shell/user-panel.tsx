/** The signed-in user's strip at the foot of the sidebar: who you are and your status, settings, theme, log out. */
import type { CurrentUser } from "@nexus/protocol";
import { useState } from "react";
import { openUserSettings } from "../../state/layers.js";
import { signOut } from "../../state/session.js";
import { useStore } from "../../state/store.js";
import { setTheme, themeStore } from "../../state/theme.js";
import { Avatar } from "../../ui/avatar.js";
import { Icon } from "../../ui/icons.js";
import { myStatusStore } from "../profile/my-status.js";
import { STATUS_OPTIONS, StatusMenu } from "../profile/status-menu.js";

export function UserPanel({ user }: { user: CurrentUser }) {
  const theme = useStore(themeStore, (t) => t);
  const name = user.display_name ?? user.username;
  const mine = useStore(myStatusStore, (s) => s);
  const [menuOpen, setMenuOpen] = useState(false);
  const statusLabel = STATUS_OPTIONS.find((o) => o.status === mine.status)?.label ?? "Online";
  const custom = [mine.custom_status?.emoji, mine.custom_status?.text].filter(Boolean).join(" ");
  return (
    <section className="user-panel" aria-label="Your account">
      <button
        type="button"
        className="user-panel-status"
        aria-label={`Set status (now ${statusLabel}${custom ? `: ${custom}` : ""})`}
        onClick={() => setMenuOpen(true)}
      >
        <span className="avatar-with-status">
          <Avatar id={user.id} name={name} avatar={user.avatar} size={32} />
          <span className={`status-badge status-${mine.status === "invisible" ? "offline" : mine.status}`} />
        </span>
        <span className="user-panel-names">
          <span className="user-panel-display">{name}</span>
          <span className="user-panel-username">{custom || user.username}</span>
        </span>
      </button>
      {menuOpen ? <StatusMenu onClose={() => setMenuOpen(false)} /> : null}
      <button
        type="button"
        className="icon-button"
        aria-label={theme === "dark" ? "Switch to light theme" : "Switch to dark theme"}
        title={theme === "dark" ? "Light theme" : "Dark theme"}
        onClick={() => setTheme(theme === "dark" ? "light" : "dark")}
      >
        <Icon name={theme === "dark" ? "sun" : "moon"} size={18} />
      </button>
      <button
        type="button"
        className="icon-button"
        aria-label="User settings"
        title="User settings"
        onClick={() => openUserSettings()}
      >
        <Icon name="settings" size={18} />
      </button>
      <button type="button" className="icon-button" aria-label="Log out" title="Log out" onClick={() => void signOut()}>
        <Icon name="logout" size={18} />
      </button>
    </section>
  );
}
