/** One channel's (or thread's) messages, typing line and composer, with its own reply and edit state. */
import type { CurrentUser } from "@nexus/protocol";
import { type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { useStore } from "../../state/store.js";
import { ChatContext, type ChatContextValue, type ChatPermissions } from "./chat-context.js";
import { Composer } from "./composer.js";
import { MarkdownContext } from "./markdown/markdown-view.js";
import type { MentionSources } from "./mention-suggestions.js";
import { openChannel } from "./message-actions.js";
import { MessageList } from "./message-list.js";
import { type ChatMessage, isLocal, messageStore } from "./message-store.js";
import { isUnread, readStateStore, releaseHold } from "./read-states.js";
import { useTypingUsers } from "./typing-store.js";

/** What the conversation asks of the view around it: the layers shared by every conversation on screen. */
export interface ConversationLayers {
  requestDelete: ChatContextValue["requestDelete"];
  openThread: ChatContextValue["openThread"];
  pickEmoji: ChatContextValue["pickEmoji"];
}

export interface ConversationProps {
  channelId: string;
  guildId: string | null;
  /** "#general" or the thread's name. */
  name: string;
  me: CurrentUser;
  myRoleIds: readonly string[];
  permissions: ChatPermissions;
  /** Whether messages here can start threads (not inside a thread, not in DMs). */
  threadsAllowed: boolean;
  slowmodeSeconds: number;
  intro: ReactNode;
  layers: ConversationLayers;
  /** Members and channels the composer's @ and # complete to. */
  mentionSources?: MentionSources;
}

function TypingLine({ channelId }: { channelId: string }) {
  const typing = useTypingUsers(channelId);
  const { userName } = useContext(MarkdownContext);
  const names = typing.map((id) => userName(id) ?? "Someone");
  const text =
    names.length === 0
      ? ""
      : names.length === 1
        ? `${names[0]} is typing…`
        : names.length <= 3
          ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)} are typing…`
          : "Several people are typing…";
  return (
    <p className="typing-line" aria-live="polite">
      {text}
    </p>
  );
}

const EMPTY: readonly ChatMessage[] = [];

export function Conversation(props: ConversationProps) {
  const { channelId, me } = props;
  const channel = useStore(messageStore, (state) => state.channels[channelId]);
  const [replyTo, setReplyTo] = useState<ChatMessage | null>(null);
  const [editingId, setEditingId] = useState<string | null>(null);
  // The read marker as it was on arrival, if there was anything unread: the "new messages" divider goes after it.
  const [unreadAfterId, setUnreadAfterId] = useState(() => {
    const state = readStateStore.get()[channelId];
    return isUnread(state) ? (state?.last_read_id ?? "0") : null;
  });
  // Mark Unread (here or on another device) moves the divider to where the channel is now unread from.
  const heldAt = useStore(readStateStore, (all) => (all[channelId]?.held ? all[channelId]?.last_read_id : undefined));
  const [markedUnread, setMarkedUnread] = useState(false);
  useEffect(() => {
    if (heldAt === undefined) return;
    setUnreadAfterId(heldAt ?? "0");
    setMarkedUnread(true);
  }, [heldAt]);

  useEffect(() => {
    void openChannel(channelId);
    return () => releaseHold(channelId);
  }, [channelId]);

  const messages = channel?.messages ?? EMPTY;
  const editLast = useCallback(() => {
    const last = messages.findLast((m) => m.author.id === me.id && !isLocal(m));
    if (last) setEditingId(last.id);
    return last !== undefined;
  }, [messages, me.id]);

  const context = useMemo<ChatContextValue>(
    () => ({
      me,
      myRoleIds: props.myRoleIds,
      permissions: props.permissions,
      threadsAllowed: props.threadsAllowed,
      editingId,
      setEditingId,
      reply: setReplyTo,
      ...props.layers,
    }),
    [me, props.myRoleIds, props.permissions, props.threadsAllowed, editingId, props.layers],
  );

  return (
    <ChatContext.Provider value={context}>
      <div className="conversation">
        {channel ? (
          <MessageList
            channelId={channelId}
            label={`Messages in ${props.name}`}
            channel={channel}
            myId={me.id}
            unreadAfterId={unreadAfterId}
            markedUnread={markedUnread}
            intro={props.intro}
          />
        ) : (
          <div className="message-list message-list-loading" role="status">
            Loading messages…
          </div>
        )}
        <Composer
          channelId={channelId}
          guildId={props.guildId}
          placeholderName={props.name}
          slowmodeSeconds={props.slowmodeSeconds}
          replyTo={replyTo}
          onCancelReply={() => setReplyTo(null)}
          onEditLast={editLast}
          mentionSources={props.mentionSources}
        />
        <TypingLine channelId={channelId} />
      </div>
    </ChatContext.Provider>
  );
}
