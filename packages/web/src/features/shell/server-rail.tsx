/** The leftmost column: home (direct messages), one icon per server, then create and join. */

import type { Guild } from "@nexus/protocol";
import { NavLink } from "react-router";
import { initials } from "../../ui/avatar.js";
import { Icon } from "../../ui/icons.js";
import { guildIconUrl } from "../attachments/media-urls.js";
import { describeUnread, useGuildUnread } from "../chat/unread-hooks.js";

function GuildIcon({ guild, active }: { guild: Guild; active: boolean }) {
  const badge = useGuildUnread(guild.id);
  return (
    <li className={`rail-item${active ? " rail-item-active" : ""}${badge.unread ? " rail-item-unread" : ""}`}>
      <NavLink
        to={`/channels/${guild.id}`}
        className="rail-button"
        aria-label={`${guild.name}${describeUnread(badge)}`}
        aria-current={active ? "page" : undefined}
        title={guild.name}
      >
        {guild.icon ? (
          <img className="rail-icon" src={guildIconUrl(guild.id, guild.icon)} alt="" />
        ) : (
          initials(guild.name)
        )}
      </NavLink>
      {badge.mentions > 0 ? (
        <span className="mention-badge rail-badge" aria-hidden="true">
          {badge.mentions}
        </span>
      ) : null}
    </li>
  );
}

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
          <GuildIcon key={guild.id} guild={guild} active={activeGuildId === guild.id} />
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
