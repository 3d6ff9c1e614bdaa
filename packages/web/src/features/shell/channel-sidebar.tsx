/** The second column: the server's channels by category (or direct messages at home), then the user panel. */
import type { Channel, CurrentUser, Guild } from "@nexus/protocol";
import { useState } from "react";
import { NavLink } from "react-router";
import { FormError } from "../../ui/form-error.js";
import { Icon, type IconName } from "../../ui/icons.js";
import { describeUnread, useChannelUnread } from "../chat/unread-hooks.js";
import { DmList } from "../dms/dm-list.js";
import { NotificationMenu } from "../notifications/notification-menu.js";
import type { ChannelAdmin } from "../server-settings/channel-admin.js";
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

function ChannelLink({ channel, active, admin }: { channel: Channel; active: boolean; admin?: ChannelAdmin }) {
  const badge = useChannelUnread(channel.id, channel.guild_id);
  const unread = badge.unread && !active;
  const edit = admin?.edit(channel);
  return (
    <li className="channel-row" {...admin?.drag?.(channel)}>
      <NavLink
        to={`/channels/${channel.guild_id}/${channel.id}`}
        className={`channel-link${active ? " channel-link-active" : ""}${unread ? " channel-link-unread" : ""}${badge.muted ? " channel-link-muted" : ""}`}
        aria-current={active ? "page" : undefined}
        aria-label={`${channel.name} (${CHANNEL_KINDS[channel.type]})${badge.muted ? ", muted" : ""}${describeUnread({ unread, mentions: badge.mentions })}`}
      >
        <Icon name={CHANNEL_ICONS[channel.type]} size={20} className="channel-icon" />
        <span className="channel-name">{channel.name}</span>
        {badge.mentions > 0 ? (
          <span className="mention-badge" aria-hidden="true">
            {badge.mentions}
          </span>
        ) : null}
      </NavLink>
      {edit ? (
        <button
          type="button"
          className="icon-button channel-edit"
          aria-label={`Edit ${channel.name}`}
          title="Edit channel"
          onClick={edit}
        >
          <Icon name="settings" size={16} />
        </button>
      ) : null}
    </li>
  );
}

function Category({
  category,
  admin,
  children,
}: {
  category: Channel;
  admin: ChannelAdmin | undefined;
  children: React.ReactNode;
}) {
  const [open, setOpen] = useState(true);
  const listId = `category-${category.id}`;
  const edit = admin?.edit(category);
  const create = admin?.create;
  return (
    <li className="channel-category" {...admin?.drag?.(category)}>
      <div className="category-row">
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
        {create ? (
          <button
            type="button"
            className="icon-button category-action"
            aria-label={`Create channel in ${category.name}`}
            title="Create channel"
            onClick={() => create(category)}
          >
            <Icon name="plus" size={14} />
          </button>
        ) : null}
        {edit ? (
          <button
            type="button"
            className="icon-button category-action"
            aria-label={`Edit ${category.name}`}
            title="Edit category"
            onClick={edit}
          >
            <Icon name="settings" size={14} />
          </button>
        ) : null}
      </div>
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
  admin,
  notice,
}: {
  user: CurrentUser;
  guild: Guild | null;
  channels: Channel[];
  activeChannelId: string | undefined;
  /** Shown only when the user may create invites. */
  onInvite: (() => void) | undefined;
  /** Server-management entry points; only those the user's permissions allow are set. */
  admin?: ChannelAdmin | undefined;
  /** A short-lived error about the last sidebar action (a refused channel move). */
  notice?: string | undefined;
}) {
  return (
    <aside className="channel-sidebar" aria-label={guild ? `${guild.name} channels` : "Direct messages"}>
      <header className="sidebar-header">
        <h2 className="sidebar-title">{guild ? guild.name : "Direct Messages"}</h2>
        {guild ? (
          <NotificationMenu scope="guild" id={guild.id} label="Server notification settings" noun="server" />
        ) : null}
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
        {guild && admin?.create ? (
          <button
            type="button"
            className="icon-button"
            aria-label="Create channel"
            title="Create channel"
            onClick={() => admin.create?.(null)}
          >
            <Icon name="plus" size={18} />
          </button>
        ) : null}
        {guild && admin?.openServerSettings ? (
          <button
            type="button"
            className="icon-button"
            aria-label="Server settings"
            title="Server settings"
            onClick={admin.openServerSettings}
          >
            <Icon name="settings" size={18} />
          </button>
        ) : null}
      </header>
      <FormError message={notice} />
      <nav className="sidebar-scroll" aria-label={guild ? "Channels" : "Conversations"}>
        {guild ? (
          <ul className="channel-list">
            {groupChannels(channels).map(({ category, channels: members }) => {
              const links = members.map((channel) => (
                <ChannelLink key={channel.id} channel={channel} active={channel.id === activeChannelId} admin={admin} />
              ));
              return category ? (
                <Category key={category.id} category={category} admin={admin}>
                  {links}
                </Category>
              ) : (
                links
              );
            })}
          </ul>
        ) : (
          <DmList />
        )}
      </nav>
      <UserPanel user={user} />
    </aside>
  );
}
