/** The channel's thread list and an open thread (its own conversation beside the channel's). */
import type { CurrentUser } from "@nexus/protocol";
import { useEffect, useState } from "react";
import { describeError } from "../../api/api-error.js";
import { useStore } from "../../state/store.js";
import { Icon } from "../../ui/icons.js";
import { chatApi } from "./chat-api.js";
import type { ChatPermissions } from "./chat-context.js";
import { Conversation, type ConversationLayers } from "./conversation.js";
import { panelStore } from "./panel-store.js";
import { SidePanel } from "./side-panel.js";
import { threadStore, threadsOf, upsertThreads } from "./thread-store.js";

export function ThreadListPanel({ guildId, parentId }: { guildId: string; parentId: string }) {
  const threads = useStore(threadStore, (all) => all);
  const [error, setError] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    let live = true;
    Promise.all([chatApi.activeThreads(guildId), chatApi.archivedThreads(parentId)]).then(
      ([active, archived]) => {
        if (!live) return;
        upsertThreads([...active, ...archived.threads]);
        setLoaded(true);
      },
      (caught) => live && setError(describeError(caught)),
    );
    return () => {
      live = false;
    };
  }, [guildId, parentId]);

  const list = threadsOf(threads, parentId);
  return (
    <SidePanel title="Threads">
      <div className="side-panel-body">
        {error ? <p className="form-error">{error}</p> : null}
        {!loaded && !error ? <p className="side-panel-empty">Loading…</p> : null}
        {loaded && list.length === 0 ? (
          <p className="side-panel-empty">No threads yet. Start one from a message with “Create thread”.</p>
        ) : null}
        <ul className="thread-list">
          {list.map((thread) => (
            <li key={thread.id}>
              <button
                type="button"
                className="thread-list-item"
                onClick={() => panelStore.set({ kind: "thread", threadId: thread.id })}
              >
                <Icon name="thread" size={18} />
                <span className="thread-list-name">{thread.name}</span>
                <span className="thread-list-meta">
                  {thread.archived ? "Archived · " : ""}
                  {thread.message_count} {thread.message_count === 1 ? "message" : "messages"}
                </span>
              </button>
            </li>
          ))}
        </ul>
      </div>
    </SidePanel>
  );
}

export function ThreadPanel({
  threadId,
  me,
  myRoleIds,
  permissions,
  canManageThreads,
  layers,
}: {
  threadId: string;
  me: CurrentUser;
  myRoleIds: readonly string[];
  permissions: ChatPermissions;
  /** MANAGE_THREADS on the parent: may still post in a locked thread. */
  canManageThreads: boolean;
  layers: ConversationLayers;
}) {
  const thread = useStore(threadStore, (all) => all[threadId]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (thread) return;
    chatApi.thread(threadId).then(
      (loaded) => upsertThreads([loaded]),
      (caught) => setError(describeError(caught)),
    );
  }, [thread, threadId]);

  if (!thread) {
    return (
      <SidePanel title="Thread">
        <p className="side-panel-empty">{error ?? "Loading…"}</p>
      </SidePanel>
    );
  }
  const locked = thread.locked && !canManageThreads;
  return (
    <SidePanel title={thread.name}>
      <Conversation
        key={thread.id}
        channelId={thread.id}
        guildId={thread.guild_id}
        name={thread.name}
        me={me}
        myRoleIds={myRoleIds}
        permissions={{ ...permissions, send: permissions.send && !locked }}
        threadsAllowed={false}
        slowmodeSeconds={0}
        intro={
          <div className="thread-intro">
            <Icon name="thread" size={32} />
            <h3>{thread.name}</h3>
            <p>
              {thread.archived ? "This thread is archived; sending a message reopens it." : "The start of this thread."}
            </p>
          </div>
        }
        layers={layers}
      />
    </SidePanel>
  );
}
