/** App-wide keys: Ctrl/Cmd+K opens the quick switcher; Alt+Up/Down moves to the previous or next channel. */
import type { Channel } from "@nexus/protocol";
import { useEffect } from "react";
import { useNavigate, useParams } from "react-router";
import { communityStore } from "../../state/community.js";
import { closeLayer, layerStore, openSwitcher } from "../../state/layers.js";
import { groupChannels } from "../shell/channel-sidebar.js";

const READABLE: ReadonlySet<Channel["type"]> = new Set(["text", "announcement", "forum"]);

/** Channels in the order the sidebar lists them. */
function sidebarOrder(channels: Channel[]): Channel[] {
  return groupChannels(channels).flatMap((group) => group.channels.filter((c) => READABLE.has(c.type)));
}

export function useShortcuts(): void {
  const navigate = useNavigate();
  const { guildId, channelId } = useParams();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "k") {
        event.preventDefault();
        if (layerStore.get().kind === "switcher") closeLayer();
        else if (layerStore.get().kind === "none") openSwitcher();
        return;
      }
      if (event.altKey && (event.key === "ArrowUp" || event.key === "ArrowDown") && layerStore.get().kind === "none") {
        const entry = guildId ? communityStore.get().guilds[guildId] : undefined;
        if (!entry) return;
        const ordered = sidebarOrder(entry.channels);
        const at = ordered.findIndex((c) => c.id === channelId);
        const next = ordered[(at + (event.key === "ArrowDown" ? 1 : -1) + ordered.length) % ordered.length];
        if (!next) return;
        event.preventDefault();
        void navigate(`/channels/${entry.guild.id}/${next.id}`);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [navigate, guildId, channelId]);
}
