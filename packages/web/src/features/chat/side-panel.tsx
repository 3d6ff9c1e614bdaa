/** The right-hand panel frame shared by pins, thread list and thread: a titled region with a close button. */
import type { ReactNode } from "react";
import { Icon } from "../../ui/icons.js";
import { panelStore } from "./panel-store.js";

export function SidePanel({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <section className="side-panel" aria-label={title}>
      <header className="side-panel-header">
        <h2 className="side-panel-title">{title}</h2>
        {actions}
        <button
          type="button"
          className="icon-button"
          aria-label={`Close ${title}`}
          onClick={() => panelStore.set({ kind: "none" })}
        >
          <Icon name="close" size={20} />
        </button>
      </header>
      {children}
    </section>
  );
}
