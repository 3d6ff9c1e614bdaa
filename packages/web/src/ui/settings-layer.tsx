/**
 * A full-screen settings layer (user or server settings): a modal dialog over the app, which is made inert so focus
 * stays in the layer, and Escape closes it. Sections on the left (on top below 768 px), the chosen one on the right.
 * Not a native <dialog>: Chrome groups nested modal dialogs so one Escape would close a confirm dialog and the layer
 * under it; the layer instead ignores an Escape while a dialog of its own is open.
 */
import { type ReactNode, useEffect, useId, useRef } from "react";
import { createPortal } from "react-dom";
import { Icon } from "./icons.js";
import "../styles/settings.css";

export interface SettingsSection {
  id: string;
  label: string;
  /** A destructive entry (log out, delete) drawn in red. */
  danger?: boolean;
}

export interface SettingsGroup {
  title: string;
  sections: SettingsSection[];
}

export function SettingsLayer({
  title,
  groups,
  active,
  onSelect,
  onClose,
  children,
}: {
  title: string;
  groups: SettingsGroup[];
  active: string;
  onSelect: (id: string) => void;
  onClose: () => void;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const headingId = useId();
  const current = groups.flatMap((g) => g.sections).find((s) => s.id === active);

  useEffect(() => {
    const app = document.getElementById("root");
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (app) app.inert = true;
    ref.current?.querySelector<HTMLElement>("[aria-current=page]")?.focus();
    return () => {
      if (app) app.inert = false;
      previous?.focus();
    };
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape" || event.defaultPrevented || document.querySelector("dialog[open]")) return;
      event.preventDefault();
      onClose();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose]);

  return createPortal(
    <div ref={ref} className="settings-layer" role="dialog" aria-modal="true" aria-label={title}>
      <nav className="settings-nav" aria-label={`${title} sections`}>
        {groups.map((group) => (
          <div key={group.title} className="settings-nav-group">
            <h2 className="settings-nav-title">{group.title}</h2>
            <ul>
              {group.sections.map((section) => (
                <li key={section.id}>
                  <button
                    type="button"
                    className={`settings-nav-item${section.id === active ? " settings-nav-item-active" : ""}${section.danger ? " settings-nav-item-danger" : ""}`}
                    aria-current={section.id === active ? "page" : undefined}
                    onClick={() => onSelect(section.id)}
                  >
                    {section.label}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </nav>
      <section className="settings-content" aria-labelledby={headingId}>
        <h1 id={headingId} className="settings-heading">
          {current?.label ?? title}
        </h1>
        {children}
      </section>
      <div className="settings-close">
        <button type="button" className="settings-close-button" aria-label="Close settings" onClick={onClose}>
          <Icon name="close" size={20} />
        </button>
        <span aria-hidden="true">ESC</span>
      </div>
    </div>,
    document.body,
  );
}

/** A titled block inside a settings section. */
export function SettingsBlock({
  title,
  description,
  children,
}: {
  title: string;
  description?: ReactNode;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <section className="settings-block" aria-labelledby={id}>
      <h2 id={id} className="settings-block-title">
        {title}
      </h2>
      {description ? <p className="settings-block-description">{description}</p> : null}
      {children}
    </section>
  );
}
