/** Inline SVG icons (decorative: the control that holds one carries the accessible name). */
import type { ReactElement } from "react";

type IconName =
  | "hash"
  | "speaker"
  | "megaphone"
  | "forum"
  | "plus"
  | "compass"
  | "settings"
  | "members"
  | "menu"
  | "logout"
  | "chevron"
  | "close"
  | "at"
  | "copy"
  | "download"
  | "sun"
  | "moon"
  | "send";

const PATHS: Record<IconName, ReactElement> = {
  hash: (
    <path d="M5.9 21l.9-5H3l.4-2h3.8l1-6H4.4l.4-2h3.8l.9-5h2l-.9 5h6l.9-5h2l-.9 5H22l-.4 2h-3.8l-1 6h3.8l-.4 2h-3.8l-.9 5h-2l.9-5h-6l-.9 5zm3.3-7h6l1-6h-6z" />
  ),
  speaker: (
    <path d="M11.4 3.2A1 1 0 0 1 13 4v16a1 1 0 0 1-1.6.8L6.7 17H4a2 2 0 0 1-2-2V9c0-1.1.9-2 2-2h2.7zM15.5 8.4a1 1 0 0 1 1.4 0 5 5 0 0 1 0 7.2 1 1 0 1 1-1.4-1.4 3 3 0 0 0 0-4.4 1 1 0 0 1 0-1.4zm2.8-2.8a1 1 0 0 1 1.4 0 9 9 0 0 1 0 12.8 1 1 0 1 1-1.4-1.4 7 7 0 0 0 0-10 1 1 0 0 1 0-1.4z" />
  ),
  megaphone: (
    <path d="M19 3a1 1 0 0 1 1 1v14a1 1 0 0 1-1.5.9L13 16H8.4l1.3 4.3A1 1 0 0 1 8.8 22H6.7a1 1 0 0 1-1-.7L4 16a2 2 0 0 1-2-2v-4c0-1.1.9-2 2-2h9l5.5-4.9A1 1 0 0 1 19 3zm3 6.5a1 1 0 0 1 0 3z" />
  ),
  forum: (
    <path d="M4 3h12a2 2 0 0 1 2 2v7a2 2 0 0 1-2 2H9l-4 3.5V14H4a2 2 0 0 1-2-2V5c0-1.1.9-2 2-2zm16 5h.5A1.5 1.5 0 0 1 22 9.5V16a2 2 0 0 1-2 2h-1v3l-3.5-3H11a2 2 0 0 1-1.8-1H16a4 4 0 0 0 4-4z" />
  ),
  plus: <path d="M13 5a1 1 0 1 0-2 0v6H5a1 1 0 1 0 0 2h6v6a1 1 0 1 0 2 0v-6h6a1 1 0 1 0 0-2h-6z" />,
  compass: (
    <path d="M12 2a10 10 0 1 1 0 20 10 10 0 0 1 0-20zm4.2 5.8-6 2.3a1 1 0 0 0-.6.6l-2.3 6a.4.4 0 0 0 .5.5l6-2.3a1 1 0 0 0 .6-.6l2.3-6a.4.4 0 0 0-.5-.5zM12 10.5a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3z" />
  ),
  settings: (
    <path d="M10.6 2h2.8l.5 2.6a8 8 0 0 1 1.9 1.1l2.5-.9 1.4 2.4-2 1.8a8 8 0 0 1 0 2.1l2 1.8-1.4 2.4-2.5-.9a8 8 0 0 1-1.9 1.1l-.5 2.6h-2.8l-.5-2.6a8 8 0 0 1-1.9-1.1l-2.5.9-1.4-2.4 2-1.8a8 8 0 0 1 0-2.1l-2-1.8 1.4-2.4 2.5.9a8 8 0 0 1 1.9-1.1zM12 8.5a3.5 3.5 0 1 0 0 7 3.5 3.5 0 0 0 0-7z" />
  ),
  members: (
    <path d="M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm7.5 0a3.5 3.5 0 1 0-1.3-6.8 6 6 0 0 1 0 6.5c.4.2.9.3 1.3.3zM2 19c0-3 3-5.5 7-5.5s7 2.5 7 5.5v1H2zm15.7 1H22v-1c0-2.4-2-4.4-5-5 1 1.3 1.7 3 1.7 5z" />
  ),
  menu: (
    <path d="M3 6a1 1 0 0 1 1-1h16a1 1 0 1 1 0 2H4a1 1 0 0 1-1-1zm0 6a1 1 0 0 1 1-1h16a1 1 0 1 1 0 2H4a1 1 0 0 1-1-1zm1 5a1 1 0 1 0 0 2h16a1 1 0 1 0 0-2z" />
  ),
  logout: (
    <path d="M10 3a1 1 0 0 1 0 2H6v14h4a1 1 0 1 1 0 2H5a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1zm5.3 4.3a1 1 0 0 1 1.4 0l4 4a1 1 0 0 1 0 1.4l-4 4a1 1 0 0 1-1.4-1.4l2.3-2.3H10a1 1 0 1 1 0-2h7.6l-2.3-2.3a1 1 0 0 1 0-1.4z" />
  ),
  chevron: (
    <path d="M5.3 8.3a1 1 0 0 1 1.4 0L12 13.6l5.3-5.3a1 1 0 1 1 1.4 1.4l-6 6a1 1 0 0 1-1.4 0l-6-6a1 1 0 0 1 0-1.4z" />
  ),
  close: (
    <path d="M6.7 5.3a1 1 0 0 0-1.4 1.4L10.6 12l-5.3 5.3a1 1 0 1 0 1.4 1.4l5.3-5.3 5.3 5.3a1 1 0 0 0 1.4-1.4L13.4 12l5.3-5.3a1 1 0 0 0-1.4-1.4L12 10.6z" />
  ),
  at: (
    <path d="M12 2a10 10 0 1 0 4.5 18.9 1 1 0 1 0-.9-1.8A8 8 0 1 1 20 12v1a2 2 0 0 1-4 0V8a1 1 0 0 0-2 0 5 5 0 1 0 .8 6.9A4 4 0 0 0 22 13v-1A10 10 0 0 0 12 2zm0 7a3 3 0 1 1 0 6 3 3 0 0 1 0-6z" />
  ),
  copy: (
    <path d="M9 2h9a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2h-1V7a3 3 0 0 0-3-3H7a2 2 0 0 1 2-2zM4 7c0-1.1.9-2 2-2h8a2 2 0 0 1 2 2v13a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2z" />
  ),
  download: (
    <path d="M12 3a1 1 0 0 1 1 1v9.6l3.3-3.3a1 1 0 0 1 1.4 1.4l-5 5a1 1 0 0 1-1.4 0l-5-5a1 1 0 1 1 1.4-1.4l3.3 3.3V4a1 1 0 0 1 1-1zM4 19a1 1 0 0 1 1-1h14a1 1 0 1 1 0 2H5a1 1 0 0 1-1-1z" />
  ),
  sun: (
    <path d="M12 7a5 5 0 1 1 0 10 5 5 0 0 1 0-10zm0-5a1 1 0 0 1 1 1v1a1 1 0 1 1-2 0V3a1 1 0 0 1 1-1zm0 18a1 1 0 0 1 1 1v0a1 1 0 1 1-2 0 1 1 0 0 1 1-1zM2 12a1 1 0 0 1 1-1h1a1 1 0 1 1 0 2H3a1 1 0 0 1-1-1zm17 0a1 1 0 0 1 1-1h1a1 1 0 1 1 0 2h-1a1 1 0 0 1-1-1z" />
  ),
  moon: <path d="M20.7 14.6A9 9 0 0 1 9.4 3.3a.5.5 0 0 0-.6-.6A10 10 0 1 0 21.3 15.2a.5.5 0 0 0-.6-.6z" />,
  send: <path d="M3.4 20.4 21 12 3.4 3.6a.5.5 0 0 0-.7.6L5 11h9v2H5l-2.3 6.8a.5.5 0 0 0 .7.6z" />,
};

export function Icon({ name, size = 20, className }: { name: IconName; size?: number; className?: string }) {
  return (
    <svg
      className={className}
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="currentColor"
      aria-hidden="true"
      focusable="false"
    >
      {PATHS[name]}
    </svg>
  );
}

export type { IconName };
