/** A round avatar: the picture when there is one, else initials on a colour derived from the id. */

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

export function Avatar({ id, name, size = 32 }: { id: string; name: string; size?: number }) {
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
