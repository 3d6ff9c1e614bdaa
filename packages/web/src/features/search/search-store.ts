/** The search field's text, and the open search: what was asked and where (a server, or your direct messages). */
import { Store } from "../../state/store.js";

export interface SearchState {
  /** What the search field holds now. */
  draft: string;
  /** What the results show. */
  query: string;
  /** A guild id, or null for direct messages. */
  guildId: string | null;
  open: boolean;
}

export const searchStore = new Store<SearchState>({ draft: "", query: "", guildId: null, open: false });

export function setDraft(draft: string): void {
  searchStore.set((s) => ({ ...s, draft }));
}

/** Adds a filter ("from:") to the field and puts the cursor after it. */
export function addFilter(filter: string): void {
  setDraft(`${searchStore.get().draft.trimEnd()} ${filter}`.trimStart());
  const input = document.querySelector<HTMLInputElement>(".search-input");
  input?.focus();
}

export function runSearch(query: string, guildId: string | null): void {
  searchStore.set({ draft: query, query, guildId, open: query.trim().length > 0 });
}

export function closeSearch(): void {
  searchStore.set((s) => ({ ...s, open: false }));
}
