/**
 * A message's files: images in a grid (thumbnails, full size in a lightbox), video and audio players, and cards
 * for everything else. Spoilers stay hidden until clicked. Files load with the media cookie, never a token in a URL.
 */
import type { Attachment } from "@nexus/protocol";
import { type ReactNode, useState } from "react";
import { Dialog } from "../../ui/dialog.js";
import { Icon } from "../../ui/icons.js";
import { formatSize } from "./format-size.js";
import "../../styles/attachments.css";

const kindOf = (attachment: Attachment) => {
  const top = attachment.content_type?.split("/")[0];
  if (top === "image" && attachment.width) return "image";
  if (top === "video" || top === "audio") return top;
  return "file";
};

function Spoiler({ spoiler, children }: { spoiler: boolean; children: ReactNode }) {
  const [revealed, setRevealed] = useState(!spoiler);
  if (revealed) return <>{children}</>;
  return (
    <button type="button" className="attachment-spoiler" onClick={() => setRevealed(true)}>
      <span className="attachment-spoiler-content" aria-hidden="true">
        {children}
      </span>
      <span className="attachment-spoiler-label">Spoiler</span>
    </button>
  );
}

function Lightbox({ image, onClose }: { image: Attachment | null; onClose: () => void }) {
  return (
    <Dialog open={image !== null} title={image?.filename ?? ""} onClose={onClose} className="lightbox">
      {image ? (
        <>
          <img src={image.url} alt={image.description ?? image.filename} />
          <a href={image.url} target="_blank" rel="noreferrer" className="lightbox-original">
            Open original
          </a>
        </>
      ) : null}
    </Dialog>
  );
}

function FileCard({ attachment }: { attachment: Attachment }) {
  return (
    <div className="attachment-file">
      <Icon name="download" size={24} />
      <div className="attachment-file-text">
        <a href={attachment.url} download={attachment.filename} className="attachment-file-name">
          {attachment.filename}
        </a>
        <span className="attachment-file-size">{formatSize(attachment.size)}</span>
      </div>
    </div>
  );
}

export function MessageAttachments({ attachments }: { attachments: readonly Attachment[] }) {
  const [open, setOpen] = useState<Attachment | null>(null);
  if (attachments.length === 0) return null;
  const images = attachments.filter((a) => kindOf(a) === "image");
  const others = attachments.filter((a) => kindOf(a) !== "image");
  return (
    <div className="message-attachments">
      {images.length > 0 ? (
        <div className={`attachment-grid attachment-grid-${Math.min(images.length, 4)}`}>
          {images.map((image) => (
            <Spoiler key={image.id} spoiler={image.spoiler}>
              <button type="button" className="attachment-image" onClick={() => setOpen(image)}>
                <img
                  src={image.proxy_url ?? image.url}
                  alt={image.description ?? image.filename}
                  width={image.width ?? undefined}
                  height={image.height ?? undefined}
                  loading="lazy"
                />
              </button>
            </Spoiler>
          ))}
        </div>
      ) : null}
      {others.map((attachment) => (
        <Spoiler key={attachment.id} spoiler={attachment.spoiler}>
          {kindOf(attachment) === "video" ? (
            // biome-ignore lint/a11y/useMediaCaption: user uploads come without captions
            <video className="attachment-video" controls preload="metadata" src={attachment.url} />
          ) : kindOf(attachment) === "audio" ? (
            <div className="attachment-audio">
              <FileCard attachment={attachment} />
              {/* biome-ignore lint/a11y/useMediaCaption: user uploads come without captions */}
              <audio controls preload="none" src={attachment.url} />
            </div>
          ) : (
            <FileCard attachment={attachment} />
          )}
        </Spoiler>
      ))}
      <Lightbox image={open} onClose={() => setOpen(null)} />
    </div>
  );
}
