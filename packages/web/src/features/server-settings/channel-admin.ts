/**
 * What the channel sidebar offers someone who runs the server: server settings, creating channels, editing one,
 * and dragging channels to reorder them (or into another category) — each only with the permission it needs.
 */
import type { Channel } from "@nexus/protocol";
import type { DragEvent } from "react";
import { describeError } from "../../api/api-error.js";
import type { GuildEntry } from "../../state/community.js";
import { openChannelSettings, openCreateChannel, openServerSettings } from "../../state/layers.js";
import { can } from "../../state/permissions.js";
import { guildAdminApi } from "./admin-api.js";

import "../../styles/channel-admin.css";

/** The channel being dragged; kept here because drag data is unreadable until the drop in some browsers. */
let draggedId: string | null = null;

export interface ChannelAdmin {
  openServerSettings: (() => void) | undefined;
  create: ((parent: Channel | null) => void) | undefined;
  /** Opens the channel's settings, when the user may change it or its permissions. */
  edit: (channel: Channel) => (() => void) | undefined;
  /** Drag-and-drop props for a channel or category row, when the user may reorder channels. */
  drag: ((channel: Channel) => DragProps) | undefined;
}

export interface DragProps {
  draggable: true;
  onDragStart: (event: DragEvent) => void;
  onDragOver: (event: DragEvent) => void;
  onDrop: (event: DragEvent) => void;
}

/** The single position update that puts `moved` where `target` is (or at the end of category `target`). */
export function dropPosition(
  channels: Channel[],
  moved: Channel,
  target: Channel,
): { id: string; position: number; parent_id: string | null } | null {
  if (moved.id === target.id) return null;
  if (moved.type === "category") {
    return target.type === "category" ? { id: moved.id, position: target.position, parent_id: null } : null;
  }
  if (target.type === "category") {
    const children = channels.filter((c) => c.parent_id === target.id && c.id !== moved.id).length;
    return { id: moved.id, position: children, parent_id: target.id };
  }
  return { id: moved.id, position: target.position, parent_id: target.parent_id };
}

/** `onMoveFailed` gets a sentence to show when the server refuses a drag (the channel then stays where it was). */
export function channelAdminFor(
  entry: GuildEntry,
  userId: string,
  onMoveFailed: (message: string) => void,
): ChannelAdmin {
  const guildId = entry.guild.id;
  const has = (permission: Parameters<typeof can>[2], channel?: Channel) => can(entry, userId, permission, channel);
  const settings =
    has("MANAGE_GUILD") ||
    has("MANAGE_ROLES") ||
    has("KICK_MEMBERS") ||
    has("BAN_MEMBERS") ||
    has("MODERATE_MEMBERS") ||
    has("VIEW_AUDIT_LOG");
  const manageChannels = has("MANAGE_CHANNELS");
  return {
    openServerSettings: settings ? () => openServerSettings(guildId) : undefined,
    create: manageChannels ? (parent) => openCreateChannel(guildId, parent?.id ?? null) : undefined,
    edit: (channel) =>
      has("MANAGE_CHANNELS", channel) || has("MANAGE_ROLES", channel)
        ? () => openChannelSettings(guildId, channel.id, has("MANAGE_CHANNELS", channel) ? "overview" : "permissions")
        : undefined,
    drag: manageChannels
      ? (channel) => ({
          draggable: true,
          onDragStart: (event) => {
            event.stopPropagation();
            draggedId = channel.id;
            // Firefox starts a drag only with some data set.
            event.dataTransfer.setData("text/plain", channel.name);
            event.dataTransfer.effectAllowed = "move";
          },
          onDragOver: (event) => {
            if (draggedId) event.preventDefault();
          },
          onDrop: (event) => {
            event.preventDefault();
            event.stopPropagation();
            const moved = entry.channels.find((c) => c.id === draggedId);
            draggedId = null;
            const update = moved ? dropPosition(entry.channels, moved, channel) : null;
            if (!moved || !update) return;
            guildAdminApi
              .moveChannels(guildId, [update])
              .catch((error: unknown) => onMoveFailed(`Couldn't move ${moved.name}: ${describeError(error)}`));
          },
        })
      : undefined,
  };
}
