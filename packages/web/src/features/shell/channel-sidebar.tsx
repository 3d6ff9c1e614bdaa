/** The second column: the server's channels by category (or direct messages at home), then the user panel. */
import type { Channel, CurrentUser, Guild } from "@nexus/protocol";
import { useState } from "react";
import { NavLink } from "react-router";
import { Icon, type IconName } from "../../ui/icons.js";
import { UserPanel } from "./user-panel.js";

const CHANNEL_ICONS: Record<Channel["type"], IconName> = {
  text: "hash",
  voice: "speaker",
  announcement: "megaphone",
  forum: "forum",
  category: "chevron",
};

const CHANNEL_KINDS: Record<Channel["type"], string> = {
  text: "text channel",
  voice: "voice channel",
  announcement: "announcement channel",
  forum: "forum",
  category: "category",
};

function ChannelLink({ channel, active }: { channel: Channel; active: boolean }) {
  return (
    <li>
      <NavLink
        to={`/channels/${channel.guild_id}/${channel.id}`}
        className={`channel-link${active ? " channel-link-active" : ""}`}
        aria-current={active ? "page" : undefined}
        aria-label={`${channel.name} (${CHANNEL_KINDS[channel.type]})`}
      >
        <Icon name={CHANNEL_ICONS[channel.type]} size={20} className="channel-icon" />
        <span className="channel-name">{channel.name}</span>
      </NavLink>
    </li>
  );
}

function Category({ category, children }: { category: Channel; children: React.ReactNode }) {
  const [open, setOpen] = useState(true);
  const listId = `category-${category.id}`;
  return (
    <li className="channel-category">
      <button
        type="button"
        className={`category-toggle${open ? "" : " category-collapsed"}`}
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen(!open)}
      >
        <Icon name="chevron" size={12} />
        <span>{category.name}</span>
      </button>
      <ul id={listId} className="channel-list" hidden={!open}>
        {children}
      </ul>
    </li>
  );
}

/** Channels in display order: uncategorised first, then each category followed by its children. */
export function groupChannels(channels: Channel[]): { category: Channel | null; channels: Channel[] }[] {
  const byPosition = [...channels].sort((a, b) => a.position - b.position || a.id.localeCompare(b.id));
  const groups: { category: Channel | null; channels: Channel[] }[] = [
    { category: null, channels: byPosition.filter((c) => c.type !== "category" && !c.parent_id) },
  ];
  for (const category of byPosition.filter((c) => c.type === "category")) {
    groups.push({ category, channels: byPosition.filter((c) => c.parent_id === category.id && c.type !== "category") });
  }
  return groups.filter((group) => group.category || group.channels.length > 0);
}

export function ChannelSidebar({
  user,
  guild,
  channels,
  activeChannelId,
  onInvite,
}: {
  user: CurrentUser;
  guild: Guild | null;
  channels: Channel[];
  activeChannelId: string | undefined;
  /** Shown only when the user may create invites. */
  onInvite: (() => void) | undefined;
}) {
  return (
    <aside className="channel-sidebar" aria-label={guild ? `${guild.name} channels` : "Direct messages"}>
      <header className="sidebar-header">
        <h2 className="sidebar-title">{guild ? guild.name : "Direct Messages"}</h2>
        {guild && onInvite ? (
          <button
            type="button"
            className="icon-button"
            aria-label="Invite people"
            title="Invite people"
            onClick={onInvite}
          >
            <Icon name="invite" size={18} />
          </button>
        ) : null}
      </header>
      <nav className="sidebar-scroll" aria-label={guild ? "Channels" : "Conversations"}>
        {guild ? (
          <ul className="channel-list">
            {groupChannels(channels).map(({ category, channels: members }) => {
              const links = members.map((channel) => (
                <ChannelLink key={channel.id} channel={channel} active={channel.id === activeChannelId} />
              ));
              return category ? (
                <Category key={category.id} category={category}>
                  {links}
                </Category>
              ) : (
                links
              );
            })}
          </ul>
        ) : (
          <>
            <ul className="channel-list">
              <li>
                <NavLink to="/channels/@me" end className="channel-link channel-link-active" aria-current="page">
                  <Icon name="members" size={20} className="channel-icon" />
                  <span className="channel-name">Friends</span>
                </NavLink>
              </li>
            </ul>
            <h3 className="sidebar-section">Direct messages</h3>
            <p className="sidebar-empty">No conversations yet.</p>
          </>
        )}
      </nav>
      <UserPanel user={user} />
    </aside>
  );
}
