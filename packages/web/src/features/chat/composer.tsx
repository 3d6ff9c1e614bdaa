/**
 * The message box: Enter sends, Shift+Enter adds a line, Up (in an empty box) edits your last message, Escape
 * drops the reply. Typing is announced every 8 s while it goes on; slowmode counts down before the next send.
 */
import { MESSAGE_CONTENT_MAX } from "@nexus/protocol";
import { useEffect, useId, useLayoutEffect, useRef, useState } from "react";
import { Icon } from "../../ui/icons.js";
import { AttachButton, AttachmentTray, useFileInput } from "../attachments/attachment-tray.js";
import { takeReadyAttachments, usePendingUploads } from "../attachments/pending-uploads.js";
import { useEmojiAutocomplete } from "../emoji/emoji-autocomplete.js";
import { AutosizeTextarea } from "./autosize-textarea.js";
import { chatApi } from "./chat-api.js";
import { useChat } from "./chat-context.js";
import {
  applySuggestion,
  type MentionSources,
  MentionSuggestions,
  type Suggestion,
  suggestionsFor,
  useActiveSuggestion,
} from "./mention-suggestions.js";
import { sendMessage } from "./message-actions.js";
import type { ChatMessage } from "./message-store.js";

const TYPING_EVERY_MS = 8_000;
/** Unsent text per channel, so switching away and back keeps what you were writing. */
const drafts = new Map<string, string>();

export interface ComposerProps {
  channelId: string;
  guildId: string | null;
  /** "#general", "thread name": shown in the placeholder. */
  placeholderName: string;
  slowmodeSeconds: number;
  replyTo: ChatMessage | null;
  onCancelReply: () => void;
  /** Starts editing the user's newest message; false when there is none. */
  onEditLast: () => boolean;
  /** Who and what @ and # complete to (none: no autocomplete). */
  mentionSources?: MentionSources | undefined;
}

const NO_SOURCES: MentionSources = { users: [], channels: [] };

function useCountdown(): [number, (seconds: number) => void] {
  const [until, setUntil] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until <= now) return;
    const timer = setTimeout(() => setNow(Date.now()), 250);
    return () => clearTimeout(timer);
  }, [until, now]);
  const start = (seconds: number) => {
    setUntil(Date.now() + seconds * 1000);
    setNow(Date.now());
  };
  return [Math.max(0, Math.ceil((until - now) / 1000)), start];
}

export function Composer({
  channelId,
  guildId,
  placeholderName,
  slowmodeSeconds,
  replyTo,
  onCancelReply,
  onEditLast,
  mentionSources = NO_SOURCES,
}: ComposerProps) {
  const chat = useChat();
  const [text, setText] = useState(() => drafts.get(channelId) ?? "");
  const [cooldown, startCooldown] = useCountdown();
  const lastTyping = useRef(0);
  const area = useRef<HTMLTextAreaElement | null>(null);
  const slowmodeApplies = slowmodeSeconds > 0 && !chat.permissions.manageMessages;
  const files = useFileInput(channelId);
  const uploads = usePendingUploads(channelId);
  const uploading = uploads.some((u) => u.status !== "ready");
  const [caret, setCaret] = useState(0);
  const [dismissedAt, setDismissedAt] = useState<string | null>(null);
  const pendingCaret = useRef<number | null>(null);
  const listId = useId();
  const suggestions = dismissedAt === text ? [] : suggestionsFor(text, caret, mentionSources);
  const [activeSuggestion, moveSuggestion] = useActiveSuggestion(suggestions);

  // After a suggestion is inserted, put the caret right after it.
  useLayoutEffect(() => {
    if (pendingCaret.current === null) return;
    area.current?.setSelectionRange(pendingCaret.current, pendingCaret.current);
    setCaret(pendingCaret.current);
    pendingCaret.current = null;
  });

  const pickSuggestion = (suggestion: Suggestion) => {
    const next = applySuggestion(text, caret, suggestion);
    pendingCaret.current = next.caret;
    setText(next.text);
  };

  /** Arrow keys, Enter, Tab and Escape drive the suggestion list while it is open. */
  const suggestionKey = (key: string): boolean => {
    if (suggestions.length === 0) return false;
    const picked = suggestions[activeSuggestion];
    if (key === "ArrowDown" || key === "ArrowUp") moveSuggestion(key === "ArrowDown" ? 1 : -1);
    else if ((key === "Enter" || key === "Tab") && picked) pickSuggestion(picked);
    else if (key === "Escape") setDismissedAt(text);
    else return false;
    return true;
  };
  const emoji = useEmojiAutocomplete(text, setText, area, {
    guildId,
    external: chat.permissions.externalEmoji,
  });

  useEffect(() => {
    drafts.set(channelId, text);
  }, [channelId, text]);

  // Choosing "Reply" puts the cursor here, ready to type.
  useEffect(() => {
    if (replyTo) area.current?.focus();
  }, [replyTo]);

  const announceTyping = () => {
    const now = Date.now();
    if (now - lastTyping.current < TYPING_EVERY_MS) return;
    lastTyping.current = now;
    void chatApi.typing(channelId).catch(() => undefined);
  };

  const submit = async () => {
    const content = text.trim();
    if ((!content && uploads.length === 0) || cooldown > 0) return;
    // Sent once every file is uploaded (a failed one must be removed first); text alone goes at once.
    const attachments = uploads.length > 0 ? await takeReadyAttachments(channelId) : [];
    if (!attachments) return;
    setText("");
    lastTyping.current = 0;
    onCancelReply();
    if (slowmodeApplies) startCooldown(slowmodeSeconds);
    const result = await sendMessage(channelId, guildId, chat.me, content, replyTo, attachments);
    if (!result.ok && result.retryAfter) startCooldown(result.retryAfter);
  };

  if (!chat.permissions.send) {
    return (
      <div className="composer composer-disabled">
        <p>You do not have permission to send messages in {placeholderName}.</p>
      </div>
    );
  }

  return (
    <form
      className={`composer${files.dragging ? " composer-dragging" : ""}`}
      {...files.dropProps}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      {replyTo ? (
        <div className="reply-bar">
          <span>
            Replying to <strong>{replyTo.author.display_name ?? replyTo.author.username}</strong>
          </span>
          <button type="button" className="icon-button" aria-label="Cancel reply" onClick={onCancelReply}>
            <Icon name="close" size={16} />
          </button>
        </div>
      ) : null}
      <AttachmentTray channelId={channelId} notice={files.notice} />
      <MentionSuggestions id={listId} suggestions={suggestions} active={activeSuggestion} onPick={pickSuggestion} />
      {emoji.popup}
      <div className="composer-row">
        <AttachButton onFiles={files.add} />
        <AutosizeTextarea
          ref={area}
          className="composer-input"
          aria-label={`Message ${placeholderName}`}
          placeholder={`Message ${placeholderName}`}
          value={text}
          maxLength={MESSAGE_CONTENT_MAX}
          onPaste={files.onPaste}
          aria-autocomplete="list"
          aria-controls={suggestions.length > 0 ? listId : undefined}
          aria-activedescendant={suggestions.length > 0 ? `${listId}-${activeSuggestion}` : undefined}
          onChange={(event) => {
            setText(event.target.value);
            setCaret(event.target.selectionStart);
            if (event.target.value) announceTyping();
          }}
          onSelect={(event) => setCaret(event.currentTarget.selectionStart)}
          onKeyDown={(event) => {
            if (event.nativeEvent.isComposing || emoji.handleKey(event)) return;
            if (suggestionKey(event.key)) {
              event.preventDefault();
            } else if (event.key === "Enter" && !event.shiftKey) {
              event.preventDefault();
              void submit();
            } else if (event.key === "ArrowUp" && !event.altKey && !event.ctrlKey && text === "" && onEditLast()) {
              event.preventDefault();
            } else if (event.key === "Escape" && replyTo) {
              event.preventDefault();
              onCancelReply();
            }
          }}
        />
        <button
          type="submit"
          className="icon-button composer-send"
          aria-label="Send message"
          disabled={uploading || (!text.trim() && uploads.length === 0)}
        >
          <Icon name="send" size={20} />
        </button>
      </div>
      {slowmodeApplies || cooldown > 0 ? (
        <p className="slowmode" role="status">
          {cooldown > 0 ? `Slowmode: you can send again in ${cooldown} s` : `Slowmode is on (${slowmodeSeconds} s)`}
        </p>
      ) : null}
    </form>
  );
}
