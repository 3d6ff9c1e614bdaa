/** Header buttons of a channel: threads and pinned messages (they open the side panel). */
import { useStore } from "../../state/store.js";
import { Icon } from "../../ui/icons.js";
import { panelStore, togglePanel } from "./panel-store.js";

export function ChatTools() {
  const panel = useStore(panelStore, (p) => p.kind);
  return (
    <>
      <button
        type="button"
        className={`icon-button${panel === "threads" || panel === "thread" ? " icon-button-active" : ""}`}
        aria-label="Threads"
        aria-pressed={panel === "threads"}
        onClick={() => togglePanel("threads")}
      >
        <Icon name="thread" size={22} />
      </button>
      <button
        type="button"
        className={`icon-button${panel === "pins" ? " icon-button-active" : ""}`}
        aria-label="Pinned messages"
        aria-pressed={panel === "pins"}
        onClick={() => togglePanel("pins")}
      >
        <Icon name="pin" size={22} />
      </button>
    </>
  );
}
