/** The user panel's status picker: online, idle, do not disturb, invisible, and a custom status with an expiry. */
import type { PresenceStatus } from "@nexus/protocol";
import { type FormEvent, useState } from "react";
import { useStore } from "../../state/store.js";
import { Button } from "../../ui/button.js";
import { Dialog } from "../../ui/dialog.js";
import { TextField } from "../../ui/text-field.js";
import { chooseStatus, myStatusStore } from "./my-status.js";

import "../../styles/profile.css";

export const STATUS_OPTIONS: { status: PresenceStatus; label: string; hint: string }[] = [
  { status: "online", label: "Online", hint: "" },
  { status: "idle", label: "Idle", hint: "" },
  { status: "dnd", label: "Do Not Disturb", hint: "You will not receive desktop notifications" },
  { status: "invisible", label: "Invisible", hint: "You will appear offline" },
];

const CLEAR_AFTER: [string, number | null][] = [
  ["Today", -1],
  ["4 hours", 4 * 3600],
  ["1 hour", 3600],
  ["30 minutes", 1800],
  ["Don't clear", null],
];

function expiry(seconds: number | null): string | null {
  if (seconds === null) return null;
  if (seconds === -1) {
    const midnight = new Date();
    midnight.setHours(24, 0, 0, 0);
    return midnight.toISOString();
  }
  return new Date(Date.now() + seconds * 1000).toISOString();
}

export function StatusMenu({ onClose }: { onClose: () => void }) {
  const current = useStore(myStatusStore, (s) => s);
  const [text, setText] = useState(current.custom_status?.text ?? "");
  const [emoji, setEmoji] = useState(current.custom_status?.emoji ?? "");
  const [clearAfter, setClearAfter] = useState<number | null>(-1);

  function save(event: FormEvent) {
    event.preventDefault();
    const custom =
      text.trim() || emoji.trim()
        ? { text: text.trim() || null, emoji: emoji.trim() || null, expires_at: expiry(clearAfter) }
        : null;
    chooseStatus({ status: current.status, custom_status: custom });
    onClose();
  }

  return (
    <Dialog open onClose={onClose} title="Set your status" className="status-menu">
      <div className="dialog-form">
        <fieldset className="radio-group">
          <legend className="field-label">Status</legend>
          {STATUS_OPTIONS.map((option) => (
            <label key={option.status} className="radio-option">
              <input
                type="radio"
                name="presence-status"
                checked={current.status === option.status}
                onChange={() => chooseStatus({ status: option.status, custom_status: current.custom_status })}
              />
              <span
                className={`status-badge status-${option.status === "invisible" ? "offline" : option.status} status-inline`}
              />
              <span>
                <span className="radio-label">{option.label}</span>
                {option.hint ? <span className="radio-hint">{option.hint}</span> : null}
              </span>
            </label>
          ))}
        </fieldset>
        <form className="dialog-form status-custom" onSubmit={save} noValidate>
          <h3 className="field-label">Custom status</h3>
          <div className="status-custom-row">
            <TextField label="Emoji" value={emoji} maxLength={16} onChange={(e) => setEmoji(e.target.value)} />
            <TextField
              label="What's happening?"
              value={text}
              maxLength={128}
              onChange={(e) => setText(e.target.value)}
            />
          </div>
          <div className="field">
            <label className="field-label" htmlFor="status-clear-after">
              Clear after
            </label>
            <select
              id="status-clear-after"
              className="input"
              value={clearAfter ?? "never"}
              onChange={(e) => setClearAfter(e.target.value === "never" ? null : Number(e.target.value))}
            >
              {CLEAR_AFTER.map(([label, value]) => (
                <option key={label} value={value ?? "never"}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <div className="dialog-actions">
            <Button
              variant="link"
              onClick={() => {
                chooseStatus({ status: current.status, custom_status: null });
                onClose();
              }}
            >
              Clear status
            </Button>
            <Button type="submit">Save</Button>
          </div>
        </form>
      </div>
    </Dialog>
  );
}
