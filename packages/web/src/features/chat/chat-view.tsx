/**
 * The message pane of a server channel (loaded lazily with the list, markdown and composer): the conversation,
 * the side panel (pins, threads, one thread), and the layers they share — delete confirmation, the link warning
 * and the emoji picker.
 */
import type { Channel, CurrentUser, Member } from "@nexus/protocol";
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from "react";
import { describeError } from "../../api/api-error.js";
import type { GuildEntry } from "../../state/community.js";
import { can } from "../../state/permissions.js";
import { useStore } from "../../state/store.js";
import { Button } from "../../ui/button.js";
import { Dialog } from "../../ui/dialog.js";
import { ChannelWelcome } from "../shell/chat-pane.js";
import { chatApi } from "./chat-api.js";
import type { ChatPermissions } from "./chat-context.js";
import { Conversation, type ConversationLayers } from "./conversation.js";
import { MarkdownContext, type MarkdownContextValue } from "./markdown/markdown-view.js";
import { deleteMessage } from "./message-actions.js";
import type { ChatMessage } from "./message-store.js";
import { panelStore } from "./panel-store.js";
import { PinsPanel } from "./pins-panel.js";
import { ThreadListPanel, ThreadPanel } from "./thread-panels.js";
import { threadStore, upsertThreads } from "./thread-store.js";
import "../../styles/chat.css";
import "../../styles/embeds.css";

const EmojiPicker = lazy(() => import("./emoji-picker.js"));

export interface ChatViewProps {
  entry: GuildEntry;
  channel: Channel;
  user: CurrentUser;
  members: Member[] | undefined;
}

function DeleteDialog({ message, onClose }: { message: ChatMessage | null; onClose: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    if (!message) return;
    setBusy(true);
    try {
      await deleteMessage(message);
      setError(null);
      onClose();
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      open={message !== null}
      title="Delete message"
      description="Are you sure you want to delete this message? Tip: hold Shift when you click delete to skip this."
      onClose={onClose}
    >
      <blockquote className="delete-preview">{message?.content}</blockquote>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="dialog-actions">
        <Button variant="secondary" onClick={onClose}>
          Cancel
        </Button>
        <Button variant="danger" busy={busy} onClick={() => void confirm()}>
          Delete
        </Button>
      </div>
    </Dialog>
  );
}

function LeavingDialog({ href, onClose }: { href: string | null; onClose: () => void }) {
  return (
    <Dialog
      open={href !== null}
      title="Leaving Nexus"
      description="This link is taking you to the following website:"
      onClose={onClose}
    >
      <p className="leaving-url">{href}</p>
      <div className="dialog-actions">
        <Button variant="secondary" onClick={onClose}>
          Go back
        </Button>
        <Button
          onClick={() => {
            if (href) window.open(href, "_blank", "noopener,noreferrer");
            onClose();
          }}
        >
          Visit site
        </Button>
      </div>
    </Dialog>
  );
}

/** Mentions are named from the member list, the guild's roles and channels, and known threads. */
function useMarkdownContext(
  entry: GuildEntry,
  members: Member[] | undefined,
  confirmLink: (href: string) => void,
): MarkdownContextValue {
  const threads = useStore(threadStore, (all) => all);
  return useMemo(() => {
    const byUser = new Map(
      (members ?? []).map((m) => [m.user.id, m.nickname ?? m.user.display_name ?? m.user.username]),
    );
    const roles = new Map(entry.roles.map((r) => [r.id, { name: r.name, color: r.color }]));
    const channels = new Map(entry.channels.map((c) => [c.id, { name: c.name, guildId: c.guild_id }]));
    for (const thread of Object.values(threads))
      channels.set(thread.id, { name: thread.name, guildId: thread.guild_id });
    return {
      userName: (id) => byUser.get(id) ?? null,
      role: (id) => roles.get(id) ?? null,
      channel: (id) => channels.get(id) ?? null,
      confirmLink,
    };
  }, [entry.roles, entry.channels, members, threads, confirmLink]);
}

export default function ChatView({ entry, channel, user, members }: ChatViewProps) {
  const panel = useStore(panelStore, (p) => p);
  const [deleting, setDeleting] = useState<ChatMessage | null>(null);
  const [leavingTo, setLeavingTo] = useState<string | null>(null);
  const [picker, setPicker] = useState<{ anchor: DOMRect; onPick: (emoji: string) => void } | null>(null);
  const [layerError, setLayerError] = useState<string | null>(null);
  const markdown = useMarkdownContext(entry, members, setLeavingTo);

  // An open thread belongs to the channel it was opened from.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the channel changes
  useEffect(() => panelStore.set((p) => (p.kind === "thread" ? { kind: "none" } : p)), [channel.id]);

  const permissions = useMemo<ChatPermissions>(
    () => ({
      send: can(entry, user.id, "SEND_MESSAGES", channel),
      react: can(entry, user.id, "ADD_REACTIONS", channel),
      manageMessages: can(entry, user.id, "MANAGE_MESSAGES", channel),
      createThreads: can(entry, user.id, "CREATE_THREADS", channel),
      externalEmoji: can(entry, user.id, "USE_EXTERNAL_EMOJI", channel),
    }),
    [entry, user.id, channel],
  );
  const threadPermissions = useMemo<ChatPermissions>(
    () => ({ ...permissions, send: can(entry, user.id, "SEND_MESSAGES_IN_THREADS", channel) }),
    [permissions, entry, user.id, channel],
  );

  const openThread = useCallback(async (message: ChatMessage) => {
    setLayerError(null);
    if (message.thread) {
      panelStore.set({ kind: "thread", threadId: message.thread.id });
      return;
    }
    const name = message.content.replace(/\s+/g, " ").trim().slice(0, 40) || "Thread";
    try {
      const thread = await chatApi.startThread(message.channel_id, message.id, name);
      upsertThreads([thread]);
      panelStore.set({ kind: "thread", threadId: thread.id });
    } catch (error) {
      setLayerError(describeError(error));
    }
  }, []);

  const layers = useMemo<ConversationLayers>(
    () => ({
      requestDelete: (message, skipConfirm) => {
        if (skipConfirm) void deleteMessage(message).catch((error) => setLayerError(describeError(error)));
        else setDeleting(message);
      },
      openThread: (message) => void openThread(message),
      pickEmoji: (anchor, onPick) => setPicker({ anchor: anchor.getBoundingClientRect(), onPick }),
    }),
    [openThread],
  );

  const mentionSources = useMemo(
    () => ({
      users: (members ?? []).map((m) => ({
        id: m.user.id,
        name: m.nickname ?? m.user.display_name ?? m.user.username,
      })),
      channels: entry.channels.filter((c) => c.type === "text" || c.type === "announcement"),
    }),
    [members, entry.channels],
  );
  const myRoleIds = entry.me?.roles ?? [];
  const slowmode = channel.slowmode_seconds ?? 0;
  return (
    <MarkdownContext.Provider value={markdown}>
      <div className="chat-view">
        <Conversation
          key={channel.id}
          channelId={channel.id}
          guildId={entry.guild.id}
          name={`#${channel.name}`}
          me={user}
          myRoleIds={myRoleIds}
          permissions={permissions}
          threadsAllowed
          slowmodeSeconds={slowmode}
          intro={<ChannelWelcome guild={entry.guild} channel={channel} />}
          layers={layers}
          mentionSources={mentionSources}
        />
        {panel.kind === "pins" ? (
          <PinsPanel channelId={channel.id} canManage={permissions.manageMessages} />
        ) : panel.kind === "threads" ? (
          <ThreadListPanel guildId={entry.guild.id} parentId={channel.id} />
        ) : panel.kind === "thread" ? (
          <ThreadPanel
            threadId={panel.threadId}
            me={user}
            myRoleIds={myRoleIds}
            permissions={threadPermissions}
            canManageThreads={can(entry, user.id, "MANAGE_THREADS", channel)}
            layers={layers}
          />
        ) : null}
      </div>
      {layerError ? (
        <p className="chat-toast" role="alert">
          {layerError}
          <button type="button" className="text-button" onClick={() => setLayerError(null)}>
            Dismiss
          </button>
        </p>
      ) : null}
      <DeleteDialog message={deleting} onClose={() => setDeleting(null)} />
      <LeavingDialog href={leavingTo} onClose={() => setLeavingTo(null)} />
      {picker ? (
        <Suspense fallback={null}>
          <EmojiPicker
            anchor={picker.anchor}
            scope={{ guildId: entry.guild.id, external: permissions.externalEmoji }}
            onPick={picker.onPick}
            onClose={() => setPicker(null)}
          />
        </Suspense>
      ) : null}
    </MarkdownContext.Provider>
  );
}
