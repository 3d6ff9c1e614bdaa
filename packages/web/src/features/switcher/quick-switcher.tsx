/**
 * The quick switcher (Ctrl/Cmd+K): type to find a server, channel or conversation, arrows to choose, Enter to go.
 * A combobox over a listbox, so screen readers follow the highlighted result.
 */
import type { Channel } from "@nexus/protocol";
import { type KeyboardEvent, useId, useMemo, useState } from "react";
import { useNavigate } from "react-router";
import { communityStore } from "../../state/community.js";
import { closeLayer } from "../../state/layers.js";
import { useStore } from "../../state/store.js";
import { Dialog } from "../../ui/dialog.js";
import { dmName, dmStore, sortedDmChannels } from "../dms/dm-store.js";
import { fuzzyFilter } from "./fuzzy.js";
import "../../styles/switcher.css";

interface Result {
  id: string;
  kind: "server" | "channel" | "conversation";
  label: string;
  hint: string;
  path: string;
}

const CHANNEL_PREFIX: Partial<Record<Channel["type"], string>> = {
  text: "#",
  announcement: "#",
  forum: "#",
  voice: "🔊 ",
};

function useResults(): Result[] {
  const community = useStore(communityStore, (s) => s);
  const dms = useStore(dmStore, (s) => s.channels);
  return useMemo(() => {
    const results: Result[] = sortedDmChannels(dms).map((dm) => ({
      id: dm.id,
      kind: "conversation",
      label: dmName(dm),
      hint: dm.type === "group_dm" ? "Group" : "Direct message",
      path: `/channels/@me/${dm.id}`,
    }));
    for (const guildId of community.order) {
      const entry = community.guilds[guildId];
      if (!entry) continue;
      results.push({
        id: guildId,
        kind: "server",
        label: entry.guild.name,
        hint: "Server",
        path: `/channels/${guildId}`,
      });
      for (const channel of [...entry.channels].sort((a, b) => a.position - b.position)) {
        const prefix = CHANNEL_PREFIX[channel.type];
        if (prefix === undefined) continue;
        results.push({
          id: channel.id,
          kind: "channel",
          label: `${prefix}${channel.name}`,
          hint: entry.guild.name,
          path: `/channels/${guildId}/${channel.id}`,
        });
      }
    }
    return results;
  }, [community, dms]);
}

export function QuickSwitcher() {
  const navigate = useNavigate();
  const all = useResults();
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const listId = useId();
  const results = fuzzyFilter(all, query.replace(/^[#@*]/, ""), (r) => `${r.label} ${r.hint}`);
  const current = results[Math.min(active, results.length - 1)];

  const go = (result: Result | undefined) => {
    if (!result) return;
    closeLayer();
    void navigate(result.path);
  };

  const onKey = (event: KeyboardEvent) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((i) => (Math.min(i, results.length - 1) + step + results.length) % Math.max(results.length, 1));
    } else if (event.key === "Enter") {
      event.preventDefault();
      go(current);
    }
  };

  return (
    <Dialog open onClose={closeLayer} title="Find or start a conversation" className="switcher">
      <div className="switcher-body">
        <input
          className="input switcher-input"
          role="combobox"
          aria-label="Where would you like to go?"
          aria-expanded="true"
          aria-controls={listId}
          aria-activedescendant={current ? `${listId}-${current.id}` : undefined}
          aria-autocomplete="list"
          placeholder="Where would you like to go?"
          value={query}
          autoFocus
          onChange={(event) => {
            setQuery(event.target.value);
            setActive(0);
          }}
          onKeyDown={onKey}
        />
        <div id={listId} className="switcher-results" role="listbox" aria-label="Results">
          {results.map((result) => (
            // biome-ignore lint/a11y/useKeyWithClickEvents: keyboard users choose with the arrows and Enter in the combobox
            <div
              key={`${result.kind}-${result.id}`}
              id={`${listId}-${result.id}`}
              role="option"
              tabIndex={-1}
              aria-selected={result === current}
              className={`switcher-result${result === current ? " switcher-result-active" : ""}`}
              onClick={() => go(result)}
              onMouseMove={() => setActive(results.indexOf(result))}
            >
              <span className="switcher-label">{result.label}</span>
              <span className="switcher-hint">{result.hint}</span>
            </div>
          ))}
        </div>
        {results.length === 0 ? <p className="switcher-empty">Nothing matches "{query}".</p> : null}
        <p className="switcher-tip">Use ↑ ↓ to choose and Enter to go. Escape closes.</p>
      </div>
    </Dialog>
  );
}
