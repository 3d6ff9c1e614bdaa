/** Editing a message in place: Enter saves, Shift+Enter adds a line, Escape cancels. */
import { MESSAGE_CONTENT_MAX } from "@nexus/protocol";
import { useState } from "react";
import { describeError } from "../../api/api-error.js";
import { AutosizeTextarea } from "./autosize-textarea.js";
import { editMessage } from "./message-actions.js";
import type { ChatMessage } from "./message-store.js";

export function InlineEditor({ message, onDone }: { message: ChatMessage; onDone: () => void }) {
  const [text, setText] = useState(message.content);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async () => {
    const content = text.trim();
    if (busy) return;
    if (!content || content === message.content) return onDone();
    setBusy(true);
    try {
      await editMessage(message, content);
      onDone();
    } catch (caught) {
      setError(describeError(caught));
      setBusy(false);
    }
  };

  return (
    <div className="inline-editor">
      <AutosizeTextarea
        autoFocus
        aria-label="Edit message"
        value={text}
        maxLength={MESSAGE_CONTENT_MAX}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Escape") {
            event.preventDefault();
            event.stopPropagation();
            onDone();
          } else if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
            event.preventDefault();
            void save();
          }
        }}
      />
      <p className="inline-editor-hint">
        Escape to{" "}
        <button type="button" className="text-button" onClick={onDone}>
          cancel
        </button>{" "}
        • Enter to{" "}
        <button type="button" className="text-button" onClick={() => void save()}>
          save
        </button>
      </p>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
