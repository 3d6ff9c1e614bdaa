/** The centre column: channel header with the drawer toggles, then the conversation (or the home screen). */

import type { Channel, Guild } from "@nexus/protocol";
import type { ReactNode } from "react";
import { Icon } from "../../ui/icons.js";

export function ChatHeader({
  title,
  icon,
  topic,
  membersOpen,
  onOpenNavigation,
  onToggleMembers,
  tools,
}: {
  title: string;
  icon: "hash" | "members" | "at";
  topic?: string | null | undefined;
  membersOpen: boolean;
  onOpenNavigation: () => void;
  onToggleMembers: () => void;
  /** Channel-specific buttons shown before the member list toggle. */
  tools?: ReactNode;
}) {
  return (
    <header className="chat-header">
      <button
        type="button"
        className="icon-button nav-toggle"
        aria-label="Open servers and channels"
        onClick={onOpenNavigation}
      >
        <Icon name="menu" size={22} />
      </button>
      <Icon name={icon} size={22} className="chat-header-icon" />
      <h1 className="chat-title">{title}</h1>
      {topic ? <p className="chat-topic">{topic}</p> : null}
      <div className="chat-header-actions">
        {tools}
        <button
          type="button"
          className={`icon-button${membersOpen ? " icon-button-active" : ""}`}
          aria-label={membersOpen ? "Hide member list" : "Show member list"}
          aria-pressed={membersOpen}
          onClick={onToggleMembers}
        >
          <Icon name="members" size={22} />
        </button>
      </div>
    </header>
  );
}

export function ChannelWelcome({ guild, channel }: { guild: Guild; channel: Channel }) {
  return (
    <div className="channel-welcome">
      <div className="channel-welcome-icon" aria-hidden="true">
        <Icon name="hash" size={40} />
      </div>
      <h2 className="channel-welcome-title">Welcome to #{channel.name}!</h2>
      <p className="channel-welcome-text">
        This is the start of the #{channel.name} channel in {guild.name}.
      </p>
    </div>
  );
}

export function EmptyState({ title, children, art }: { title: string; children?: ReactNode; art?: ReactNode }) {
  return (
    <div className="empty-state">
      {art}
      <h2 className="empty-state-title">{title}</h2>
      {children}
    </div>
  );
}
