/** The signed-in user's strip at the foot of the sidebar: who you are, theme and log out. */
import type { CurrentUser } from "@nexus/protocol";
import { signOut } from "../../state/session.js";
import { useStore } from "../../state/store.js";
import { setTheme, themeStore } from "../../state/theme.js";
import { Avatar } from "../../ui/avatar.js";
import { Icon } from "../../ui/icons.js";

export function UserPanel({ user }: { user: CurrentUser }) {
  const theme = useStore(themeStore, (t) => t);
  const name = user.display_name ?? user.username;
  return (
    <section className="user-panel" aria-label="Your account">
      <Avatar id={user.id} name={name} size={32} />
      <div className="user-panel-names">
        <span className="user-panel-display">{name}</span>
        <span className="user-panel-username">{user.username}</span>
      </div>
      <button
        type="button"
        className="icon-button"
        aria-label={theme === "dark" ? "Switch to light theme" : "Switch to dark theme"}
        title={theme === "dark" ? "Light theme" : "Dark theme"}
        onClick={() => setTheme(theme === "dark" ? "light" : "dark")}
      >
        <Icon name={theme === "dark" ? "sun" : "moon"} size={18} />
      </button>
      <button type="button" className="icon-button" aria-label="Log out" title="Log out" onClick={() => void signOut()}>
        <Icon name="logout" size={18} />
      </button>
    </section>
  );
}
