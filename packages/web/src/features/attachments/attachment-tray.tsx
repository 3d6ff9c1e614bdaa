/**
 * The composer's file controls: the attach button, drop and paste handlers, and the tray of files waiting to be
 * sent with their progress, alt text, spoiler switch and cancel.
 */
import { ATTACHMENT_DESCRIPTION_MAX, MAX_ATTACHMENTS_PER_MESSAGE } from "@nexus/protocol";
import { type ClipboardEvent, type DragEvent, useRef, useState } from "react";
import { Icon } from "../../ui/icons.js";
import { formatSize } from "./format-size.js";
import { addFiles, cancelUpload, setDescription, setSpoiler, usePendingUploads } from "./pending-uploads.js";
import "../../styles/attachments.css";

function useNotice(): [string | null, (left: number) => void] {
  const [notice, setNotice] = useState<string | null>(null);
  return [notice, (left) => setNotice(left > 0 ? `Up to ${MAX_ATTACHMENTS_PER_MESSAGE} files per message.` : null)];
}

/** Drop and paste handlers for the composer; files go to the channel's upload tray. */
export function useFileInput(channelId: string) {
  const [dragging, setDragging] = useState(false);
  const [notice, report] = useNotice();
  const hasFiles = (event: DragEvent) => event.dataTransfer.types.includes("Files");
  return {
    dragging,
    notice,
    add: (files: readonly File[]) => report(addFiles(channelId, files)),
    dropProps: {
      onDragOver: (event: DragEvent) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        setDragging(true);
      },
      onDragLeave: () => setDragging(false),
      onDrop: (event: DragEvent) => {
        setDragging(false);
        if (!hasFiles(event)) return;
        event.preventDefault();
        report(addFiles(channelId, [...event.dataTransfer.files]));
      },
    },
    onPaste: (event: ClipboardEvent) => {
      const files = [...event.clipboardData.files];
      if (files.length === 0) return;
      event.preventDefault();
      report(addFiles(channelId, files));
    },
  };
}

export function AttachButton({ onFiles }: { onFiles: (files: File[]) => void }) {
  const input = useRef<HTMLInputElement | null>(null);
  return (
    <>
      <button
        type="button"
        className="icon-button composer-attach"
        aria-label="Attach files"
        title="Attach files"
        onClick={() => input.current?.click()}
      >
        <Icon name="plus" size={20} />
      </button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        onChange={(event) => {
          onFiles([...(event.target.files ?? [])]);
          event.target.value = "";
        }}
      />
    </>
  );
}

export function AttachmentTray({ channelId, notice }: { channelId: string; notice: string | null }) {
  const uploads = usePendingUploads(channelId);
  if (uploads.length === 0 && !notice) return null;
  return (
    <div className="attachment-tray">
      {notice ? (
        <p className="attachment-tray-notice" role="status">
          {notice}
        </p>
      ) : null}
      <ul aria-label="Files to send">
        {uploads.map((upload) => (
          <li key={upload.key} className={`pending-upload pending-upload-${upload.status}`}>
            <span className="pending-upload-name" title={upload.file.name}>
              {upload.file.name}
            </span>
            <span className="pending-upload-size">{formatSize(upload.file.size)}</span>
            {upload.status === "uploading" ? (
              <progress
                value={upload.progress}
                max={1}
                aria-label={`Uploading ${upload.file.name}`}
                className="pending-upload-progress"
              />
            ) : null}
            {upload.status === "failed" ? (
              <span className="pending-upload-error" role="alert">
                {upload.error}
              </span>
            ) : null}
            <input
              className="input pending-upload-alt"
              placeholder="Alt text"
              aria-label={`Alt text for ${upload.file.name}`}
              maxLength={ATTACHMENT_DESCRIPTION_MAX}
              value={upload.description}
              onChange={(event) => setDescription(channelId, upload.key, event.target.value)}
            />
            <label className="pending-upload-spoiler">
              <input
                type="checkbox"
                checked={upload.spoiler}
                onChange={(event) => setSpoiler(channelId, upload.key, event.target.checked)}
              />
              Spoiler
            </label>
            <button
              type="button"
              className="icon-button"
              aria-label={`Remove ${upload.file.name}`}
              onClick={() => cancelUpload(channelId, upload.key)}
            >
              <Icon name="close" size={16} />
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
