/** The search field in the channel header: Enter searches this server (or your DMs at home). */
import type { KeyboardEvent } from "react";
import { useStore } from "../../state/store.js";
import { closeSearch, runSearch, searchStore, setDraft } from "./search-store.js";
import "../../styles/search.css";

export function SearchBox({ guildId }: { guildId: string | null }) {
  const draft = useStore(searchStore, (s) => s.draft);

  const onKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Enter") {
      event.preventDefault();
      runSearch(draft, guildId);
    } else if (event.key === "Escape" && draft) {
      event.preventDefault();
      setDraft("");
      closeSearch();
    }
  };

  return (
    <search className="search-box">
      <input
        type="search"
        className="search-input"
        aria-label={guildId ? "Search this server" : "Search direct messages"}
        placeholder="Search"
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={onKey}
      />
    </search>
  );
}
