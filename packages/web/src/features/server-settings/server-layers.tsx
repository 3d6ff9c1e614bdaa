/** The server and channel settings layers, fed from the live stores (a separate chunk, loaded when first opened). */
import type { CurrentUser } from "@nexus/protocol";
import { useEffect } from "react";
import { communityStore } from "../../state/community.js";
import { closeLayer, type LayerState } from "../../state/layers.js";
import { useStore } from "../../state/store.js";
import { authorityOf } from "./authority.js";
import { ChannelSettings } from "./channel-settings.js";
import { CreateChannelDialog } from "./create-channel-dialog.js";
import { ServerSettings } from "./server-settings.js";

const NO_MEMBERS: never[] = [];

export default function ServerLayers({
  layer,
  user,
}: {
  layer: Extract<LayerState, { kind: "server-settings" | "channel-settings" | "create-channel" }>;
  user: CurrentUser;
}) {
  const entry = useStore(communityStore, (s) => s.guilds[layer.guildId]);
  const members = useStore(communityStore, (s) => s.members[layer.guildId]) ?? NO_MEMBERS;
  const channel = layer.kind === "channel-settings" ? entry?.channels.find((c) => c.id === layer.channelId) : undefined;
  const gone = !entry || (layer.kind === "channel-settings" && !channel);
  // Leaving the server, or losing sight of the channel, closes its settings.
  useEffect(() => {
    if (gone) closeLayer();
  }, [gone]);
  if (!entry) return null;
  if (layer.kind === "create-channel") {
    return <CreateChannelDialog guildId={layer.guildId} parentId={layer.parentId} userId={user.id} />;
  }
  const authority = authorityOf(entry, user.id);
  if (layer.kind === "channel-settings") {
    return channel ? (
      <ChannelSettings
        entry={entry}
        channel={channel}
        members={members}
        authority={authority}
        section={layer.section}
      />
    ) : null;
  }
  return <ServerSettings entry={entry} members={members} user={user} authority={authority} section={layer.section} />;
}
