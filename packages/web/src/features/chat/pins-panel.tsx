/** Pinned messages of a channel, most recently pinned first; refetched whenever pins change (CHANNEL_PINS_UPDATE). */
import type { Message } from "@nexus/protocol";
import { useContext, useEffect, useState } from "react";
import { describeError } from "../../api/api-error.js";
import { useStore } from "../../state/store.js";
import { chatApi } from "./chat-api.js";
import { pinsVersionStore } from "./chat-events.js";
import { Markdown, MarkdownContext } from "./markdown/markdown-view.js";
import { jumpToMessage, setPinned } from "./message-actions.js";
import { formatTime } from "./message-item.js";
import { SidePanel } from "./side-panel.js";

export function PinsPanel({ channelId, canManage }: { channelId: string; canManage: boolean }) {
  const version = useStore(pinsVersionStore, (all) => all[channelId] ?? 0);
  const { userName } = useContext(MarkdownContext);
  const [pins, setPins] = useState<Message[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: version is the refetch trigger
  useEffect(() => {
    let live = true;
    chatApi.pins(channelId).then(
      (list) => live && setPins(list),
      (caught) => live && setError(describeError(caught)),
    );
    return () => {
      live = false;
    };
  }, [channelId, version]);

  return (
    <SidePanel title="Pinned messages">
      <div className="side-panel-body">
        {error ? <p className="form-error">{error}</p> : null}
        {pins === null && !error ? <p className="side-panel-empty">Loading…</p> : null}
        {pins?.length === 0 ? (
          <p className="side-panel-empty">This channel doesn't have any pinned messages yet.</p>
        ) : null}
        <ul className="pin-list">
          {pins?.map((message) => (
            <li key={message.id} className="pin-item">
              <p className="pin-meta">
                <strong>{userName(message.author.id) ?? message.author.display_name ?? message.author.username}</strong>{" "}
                <time dateTime={message.created_at}>{formatTime(message.created_at)}</time>
              </p>
              <div className="pin-content">
                <Markdown content={message.content} />
              </div>
              <div className="pin-actions">
                <button type="button" className="text-button" onClick={() => void jumpToMessage(channelId, message.id)}>
                  Jump
                </button>
                {canManage ? (
                  <button type="button" className="text-button" onClick={() => void setPinned(message, false)}>
                    Unpin
                  </button>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      </div>
    </SidePanel>
  );
}
