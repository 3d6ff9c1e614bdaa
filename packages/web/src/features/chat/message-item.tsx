/** One message row: author and time (unless grouped), reply reference, content, reactions, thread, hover actions. */
import { memo, useContext, useId, useState } from "react";
import { Avatar } from "../../ui/avatar.js";
import { Icon } from "../../ui/icons.js";
import { MessageAttachments } from "../attachments/message-attachments.js";
import { LinkEmbeds } from "../embeds/link-embeds.js";
import { ReactionEmojiView } from "../emoji/custom-emoji.js";
import { reactionKey } from "../emoji/emoji-keys.js";
import { useChat } from "./chat-context.js";
import { InlineEditor } from "./inline-editor.js";
import { Markdown, MarkdownContext } from "./markdown/markdown-view.js";
import { discardFailed, jumpToMessage, markUnread, retrySend, setPinned, toggleReaction } from "./message-actions.js";
import { type ChatMessage, isLocal } from "./message-store.js";
import { mentionsMe } from "./read-states.js";

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: "numeric", minute: "2-digit" });
const fullFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "full", timeStyle: "short" });

export function formatTime(iso: string): string {
  return timeFormat.format(new Date(iso));
}

function authorName(message: ChatMessage, userName: (id: string) => string | null): string {
  return userName(message.author.id) ?? message.author.display_name ?? message.author.username;
}

function ReplyReference({ message }: { message: ChatMessage }) {
  const { userName } = useContext(MarkdownContext);
  const reference = message.referenced_message;
  if (!message.reply_to) return null;
  if (!reference) {
    return (
      <div className="reply-reference">
        <span className="reply-missing">Original message was deleted</span>
      </div>
    );
  }
  const name = authorName(reference as ChatMessage, userName);
  return (
    <div className="reply-reference">
      <button
        type="button"
        className="reply-jump"
        aria-label={`Replying to ${name}: ${reference.content.slice(0, 80)}. Jump to that message`}
        onClick={() => void jumpToMessage(message.channel_id, reference.id)}
      >
        <span className="reply-author">@{name}</span>
        <span className="reply-snippet">{reference.content}</span>
      </button>
    </div>
  );
}

function Reactions({ message }: { message: ChatMessage }) {
  const chat = useChat();
  if (message.reactions.length === 0) return null;
  return (
    <ul className="reactions" aria-label="Reactions">
      {message.reactions.map((reaction) => (
        <li key={reactionKey(reaction.emoji)}>
          <button
            type="button"
            className={`reaction${reaction.me ? " reaction-mine" : ""}`}
            aria-pressed={reaction.me}
            aria-label={`${reaction.emoji.id ? `:${reaction.emoji.name}:` : reaction.emoji.name} ${reaction.count} ${reaction.count === 1 ? "reaction" : "reactions"}${reaction.me ? ", press to remove yours" : ", press to react"}`}
            disabled={!chat.permissions.react && !reaction.me}
            onClick={() => void toggleReaction(message, reactionKey(reaction.emoji))}
          >
            <ReactionEmojiView emoji={reaction.emoji} />
            <span className="reaction-count">{reaction.count}</span>
          </button>
        </li>
      ))}
      {chat.permissions.react ? (
        <li>
          <button
            type="button"
            className="reaction reaction-add"
            aria-label="Add reaction"
            onClick={(event) => chat.pickEmoji(event.currentTarget, (emoji) => void toggleReaction(message, emoji))}
          >
            <Icon name="smile" size={16} />
          </button>
        </li>
      ) : null}
    </ul>
  );
}

function ActionButton({
  label,
  icon,
  onClick,
  danger,
}: {
  label: string;
  icon: Parameters<typeof Icon>[0]["name"];
  onClick: (event: React.MouseEvent<HTMLButtonElement>) => void;
  danger?: boolean;
}) {
  return (
    <button
      type="button"
      className={`icon-button${danger ? " message-action-danger" : ""}`}
      aria-label={label}
      title={label}
      onClick={onClick}
    >
      <Icon name={icon} size={18} />
    </button>
  );
}

/** "More": mark unread from here, copy the text or the id (Escape or a click elsewhere closes it). */
function MoreMenu({ message }: { message: ChatMessage }) {
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const copy = (text: string) => {
    void navigator.clipboard?.writeText(text).catch(() => undefined);
    setOpen(false);
  };
  return (
    <span className="more-menu-anchor">
      <button
        type="button"
        className="icon-button"
        aria-label="More"
        title="More"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen(!open)}
      >
        <Icon name="more" size={18} />
      </button>
      {open ? (
        <div
          id={menuId}
          className="more-menu"
          role="menu"
          aria-label="More actions"
          onKeyDown={(event) => {
            if (event.key === "Escape") {
              event.stopPropagation();
              setOpen(false);
            }
          }}
          onBlur={(event) => {
            if (!event.currentTarget.parentElement?.contains(event.relatedTarget)) setOpen(false);
          }}
        >
          <button
            type="button"
            role="menuitem"
            // biome-ignore lint/a11y/noAutofocus: an opened menu moves focus to its first item (ARIA menu pattern)
            autoFocus
            onClick={() => {
              setOpen(false);
              void markUnread(message).catch(() => undefined);
            }}
          >
            Mark Unread
          </button>
          <button type="button" role="menuitem" onClick={() => copy(message.content)}>
            Copy text
          </button>
          <button type="button" role="menuitem" onClick={() => copy(message.id)}>
            Copy message ID
          </button>
        </div>
      ) : null}
    </span>
  );
}

function MessageActions({ message }: { message: ChatMessage }) {
  const chat = useChat();
  const mine = message.author.id === chat.me.id;
  return (
    <div className="message-actions" role="toolbar" aria-label="Message actions">
      {chat.permissions.react ? (
        <ActionButton
          label="Add reaction"
          icon="smile"
          onClick={(event) => chat.pickEmoji(event.currentTarget, (emoji) => void toggleReaction(message, emoji))}
        />
      ) : null}
      {chat.permissions.send ? <ActionButton label="Reply" icon="reply" onClick={() => chat.reply(message)} /> : null}
      {mine ? <ActionButton label="Edit" icon="pencil" onClick={() => chat.setEditingId(message.id)} /> : null}
      {chat.permissions.manageMessages ? (
        <ActionButton
          label={message.pinned ? "Unpin message" : "Pin message"}
          icon="pin"
          onClick={() => void setPinned(message, !message.pinned)}
        />
      ) : null}
      {chat.threadsAllowed && chat.permissions.createThreads && !message.thread ? (
        <ActionButton label="Create thread" icon="thread" onClick={() => chat.openThread(message)} />
      ) : null}
      {mine || chat.permissions.manageMessages ? (
        <ActionButton
          label="Delete message"
          icon="trash"
          danger
          onClick={(event) => chat.requestDelete(message, event.shiftKey)}
        />
      ) : null}
      <MoreMenu message={message} />
    </div>
  );
}

function SendFailure({ message }: { message: ChatMessage }) {
  return (
    <div className="send-failure" role="alert">
      <span>{message.local?.error ?? "Message failed to send."}</span>
      <button type="button" className="text-button" onClick={() => void retrySend(message)}>
        Retry
      </button>
      <button type="button" className="text-button text-button-danger" onClick={() => discardFailed(message)}>
        Delete
      </button>
    </div>
  );
}

export interface MessageItemProps {
  message: ChatMessage;
  grouped: boolean;
  highlighted: boolean;
}

export const MessageItem = memo(function MessageItem({ message, grouped, highlighted }: MessageItemProps) {
  const chat = useChat();
  const { userName } = useContext(MarkdownContext);
  const [hovered, setHovered] = useState(false);
  const editing = chat.editingId === message.id;
  const name = authorName(message, userName);
  const mentioned = message.author.id !== chat.me.id && mentionsMe(message, chat.me.id, chat.myRoleIds);
  const status = message.local?.status;
  const showHeader = !grouped || Boolean(message.reply_to);
  const classes = [
    "message",
    showHeader ? "message-first" : "message-grouped",
    mentioned ? "message-mentioned" : "",
    highlighted ? "message-highlighted" : "",
    status === "sending" ? "message-pending" : "",
    status === "failed" ? "message-failed" : "",
  ]
    .filter(Boolean)
    .join(" ");
  return (
    <article
      className={classes}
      aria-label={`${name}, ${fullFormat.format(new Date(message.created_at))}`}
      data-message-id={message.id}
      // The feed pattern: each message takes focus, so keyboard users reach its actions (shown on focus).
      // biome-ignore lint/a11y/noNoninteractiveTabindex: see above
      tabIndex={0}
      onClick={(event) => {
        // Alt+click marks unread from this message, as on Discord (not on a link or button inside it).
        if (!event.altKey || isLocal(message) || (event.target as Element).closest("a, button")) return;
        event.preventDefault();
        void markUnread(message).catch(() => undefined);
      }}
      onKeyDown={(event) => {
        // Alt+Enter on a focused message does the same from the keyboard, as on Discord.
        if (event.key !== "Enter" || !event.altKey || event.target !== event.currentTarget || isLocal(message)) return;
        event.preventDefault();
        void markUnread(message).catch(() => undefined);
      }}
      onMouseEnter={() => setHovered(true)}
      onMouseLeave={() => setHovered(false)}
      onFocus={() => setHovered(true)}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget)) setHovered(false);
      }}
    >
      <ReplyReference message={message} />
      {showHeader ? (
        <>
          <span className="message-avatar">
            <Avatar id={message.author.id} name={name} avatar={message.author.avatar} size={40} />
          </span>
          <h3 className="message-header">
            <span className="message-author">{name}</span>
            <time
              className="message-time"
              dateTime={message.created_at}
              title={fullFormat.format(new Date(message.created_at))}
            >
              {formatTime(message.created_at)}
            </time>
          </h3>
        </>
      ) : (
        <time className="message-gutter-time" dateTime={message.created_at} aria-hidden="true">
          {formatTime(message.created_at)}
        </time>
      )}
      {editing ? (
        <InlineEditor message={message} onDone={() => chat.setEditingId(null)} />
      ) : (
        <div className="message-content">
          <Markdown content={message.content} />
          {message.edited_at ? (
            <span className="message-edited" title={`Edited ${fullFormat.format(new Date(message.edited_at))}`}>
              {" "}
              (edited)
            </span>
          ) : null}
          {status === "sending" ? <span className="visually-hidden"> (sending)</span> : null}
        </div>
      )}
      {status === "failed" ? <SendFailure message={message} /> : null}
      <MessageAttachments attachments={message.attachments} />
      <LinkEmbeds message={message} />
      <Reactions message={message} />
      {message.thread ? (
        <button type="button" className="thread-summary" onClick={() => chat.openThread(message)}>
          <Icon name="thread" size={16} />
          <span className="thread-summary-name">{message.thread.name}</span>
          <span className="thread-summary-count">
            {message.thread.message_count} {message.thread.message_count === 1 ? "message" : "messages"}
          </span>
        </button>
      ) : null}
      {hovered && !status && !editing ? <MessageActions message={message} /> : null}
    </article>
  );
});
