/** A round avatar: the picture when there is one, else initials on a colour derived from the id. */
import { avatarUrl } from "../features/attachments/media-urls.js";

const PALETTE = ["#5865f2", "#3ba55c", "#faa61a", "#ed4245", "#eb459e", "#00a8fc", "#9b59b6", "#e67e22"];

function colourFor(id: string): string {
  let hash = 0;
  for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return PALETTE[hash % PALETTE.length] ?? "#5865f2";
}

export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return "?";
  if (words.length === 1) return (words[0] ?? "?").slice(0, 2);
  return words
    .slice(0, 3)
    .map((word) => word[0])
    .join("");
}

export function Avatar({
  id,
  name,
  avatar,
  size = 32,
}: {
  id: string;
  name: string;
  /** The user's avatar hash; the 128 px image is shown when there is one. */
  avatar?: string | null;
  size?: number;
}) {
  if (avatar) {
    const src = avatarUrl(id, avatar, size > 128 ? 512 : 128);
    return <img className="avatar" src={src} alt="" aria-hidden="true" width={size} height={size} />;
  }
  return (
    <span
      className="avatar"
      aria-hidden="true"
      style={{ width: size, height: size, background: colourFor(id), fontSize: size * 0.4 }}
    >
      {initials(name).toUpperCase()}
    </span>
  );
}
