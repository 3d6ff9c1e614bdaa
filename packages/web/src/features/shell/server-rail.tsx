/** The leftmost column: home (direct messages), one icon per server, then create and join. */

import type { Guild } from "@nexus/protocol";
import { NavLink } from "react-router";
import { initials } from "../../ui/avatar.js";
import { Icon } from "../../ui/icons.js";

export function ServerRail({
  guilds,
  activeGuildId,
  onCreate,
  onJoin,
}: {
  guilds: Guild[];
  activeGuildId: string;
  onCreate: () => void;
  onJoin: () => void;
}) {
  return (
    <nav className="server-rail" aria-label="Servers">
      <ul className="rail-list">
        <li className={`rail-item${activeGuildId === "@me" ? " rail-item-active" : ""}`}>
          <NavLink to="/channels/@me" className="rail-button rail-home" aria-label="Direct messages">
            <img src="/favicon.svg" alt="" width={28} height={28} />
          </NavLink>
        </li>
        <li className="rail-separator" aria-hidden="true" />
        {guilds.map((guild) => (
          <li key={guild.id} className={`rail-item${activeGuildId === guild.id ? " rail-item-active" : ""}`}>
            <NavLink
              to={`/channels/${guild.id}`}
              className="rail-button"
              aria-label={guild.name}
              aria-current={activeGuildId === guild.id ? "page" : undefined}
              title={guild.name}
            >
              {initials(guild.name)}
            </NavLink>
          </li>
        ))}
        <li className="rail-item">
          <button
            type="button"
            className="rail-button rail-action"
            aria-label="Create a server"
            title="Create a server"
            onClick={onCreate}
          >
            <Icon name="plus" size={24} />
          </button>
        </li>
        <li className="rail-item">
          <button
            type="button"
            className="rail-button rail-action"
            aria-label="Join a server"
            title="Join a server"
            onClick={onJoin}
          >
            <Icon name="compass" size={24} />
          </button>
        </li>
      </ul>
    </nav>
  );
}
