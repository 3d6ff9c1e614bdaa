/**
 * The bell: a menu to pick how much a server or channel notifies you and to mute it for a while (Discord's
 * notification menu). Arrow keys move between items, Escape or a click elsewhere closes it.
 * It wears the message "More" menu's look (chat.css).
 */
import type { NotificationSetting, UpdateNotificationSetting } from "@nexus/protocol";
import { type KeyboardEvent, useId, useRef, useState } from "react";
import { Icon } from "../../ui/icons.js";
import { isMuted, MUTED_FOREVER, updateNotifications, useNotificationSetting } from "./notification-store.js";
import "../../styles/chat.css";
import "../../styles/notifications.css";

type Level = NotificationSetting["level"];

const LEVELS: { level: Level; label: string }[] = [
  { level: "all", label: "All messages" },
  { level: "mentions", label: "Only @mentions" },
  { level: "nothing", label: "Nothing" },
];

const MINUTE = 60_000;
const DURATIONS: { label: string; ms: number | null }[] = [
  { label: "For 15 minutes", ms: 15 * MINUTE },
  { label: "For 1 hour", ms: 60 * MINUTE },
  { label: "For 8 hours", ms: 8 * 60 * MINUTE },
  { label: "For 24 hours", ms: 24 * 60 * MINUTE },
  { label: "Until I turn it back on", ms: null },
];

function mutedUntilText(until: string): string {
  if (until === MUTED_FOREVER) return "Muted until you turn it back on";
  return `Muted until ${new Date(until).toLocaleString(undefined, { dateStyle: "short", timeStyle: "short" })}`;
}

/** Moves focus between the menu's items with the arrow keys, Home and End. */
function moveFocus(event: KeyboardEvent<HTMLDivElement>): void {
  const items = [...event.currentTarget.querySelectorAll<HTMLElement>('[role^="menuitem"]')];
  const at = items.indexOf(document.activeElement as HTMLElement);
  const target = {
    ArrowDown: items[(at + 1) % items.length],
    ArrowUp: items[(at - 1 + items.length) % items.length],
    Home: items[0],
    End: items[items.length - 1],
  }[event.key];
  if (!target) return;
  event.preventDefault();
  target.focus();
}

export function NotificationMenu({
  scope,
  id,
  label,
  noun,
}: {
  scope: NotificationSetting["scope"];
  id: string;
  /** The bell's accessible name. */
  label: string;
  /** "channel" or "server", for "Mute channel". */
  noun: string;
}) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const menuId = useId();
  const bell = useRef<HTMLButtonElement>(null);
  const setting = useNotificationSetting(id);
  const muted = isMuted(setting);
  const level = setting?.level ?? null;
  const levels = scope === "channel" ? [{ level: null, label: "Use server default" }, ...LEVELS] : LEVELS;
  // A server without a level notifies for all messages.
  const chosen = scope === "guild" ? (level ?? "all") : level;

  const close = () => {
    setOpen(false);
    bell.current?.focus();
  };
  const save = (changes: UpdateNotificationSetting) => {
    close();
    setError(null);
    updateNotifications(scope, id, changes).catch(() => setError("Couldn't save the notification setting."));
  };
  const mute = (ms: number | null) =>
    save({ muted_until: ms === null ? MUTED_FOREVER : new Date(Date.now() + ms).toISOString() });

  return (
    <span className="notification-anchor">
      <button
        ref={bell}
        type="button"
        className="icon-button"
        aria-label={label}
        title={label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen(!open)}
      >
        <Icon name={muted ? "bell-off" : "bell"} size={20} />
      </button>
      {error ? (
        <span className="notification-error" role="alert">
          {error}
        </span>
      ) : null}
      {open ? (
        <div
          id={menuId}
          className="more-menu notification-menu"
          role="menu"
          aria-label={label}
          onKeyDown={(event) => {
            if (event.key === "Escape") {
              event.stopPropagation();
              close();
            } else moveFocus(event);
          }}
          onBlur={(event) => {
            if (!event.currentTarget.parentElement?.contains(event.relatedTarget)) setOpen(false);
          }}
        >
          <fieldset aria-label="Notify me about">
            <p className="notification-menu-heading" aria-hidden="true">
              Notify me about
            </p>
            {levels.map((option, index) => (
              <button
                key={option.label}
                type="button"
                role="menuitemradio"
                aria-checked={chosen === option.level}
                // biome-ignore lint/a11y/noAutofocus: an opened menu moves focus to its first item (ARIA menu pattern)
                autoFocus={index === 0}
                onClick={() => save({ level: option.level })}
              >
                <span className="notification-radio" aria-hidden="true" />
                {option.label}
              </button>
            ))}
          </fieldset>
          <hr className="notification-menu-separator" />
          {muted && setting?.muted_until ? (
            <>
              <p className="notification-menu-heading">{mutedUntilText(setting.muted_until)}</p>
              <button type="button" role="menuitem" onClick={() => save({ muted_until: null })}>
                Unmute {noun}
              </button>
            </>
          ) : (
            <fieldset aria-label={`Mute ${noun}`}>
              <p className="notification-menu-heading" aria-hidden="true">
                Mute {noun}
              </p>
              {DURATIONS.map((duration) => (
                <button key={duration.label} type="button" role="menuitem" onClick={() => mute(duration.ms)}>
                  {duration.label}
                </button>
              ))}
            </fieldset>
          )}
        </div>
      ) : null}
    </span>
  );
}
