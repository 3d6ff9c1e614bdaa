/**
 * Search results (lazy chunk): the query as removable filter chips, quick filters to add, the total, pages of 25,
 * and each result jumps to its message in its channel.
 */
import { type Message, SEARCH_LIMIT_MAX, type SearchResult } from "@nexus/protocol";
import { useEffect, useMemo, useState } from "react";
import { useNavigate } from "react-router";
import { describeError } from "../../api/api-error.js";
import { communityStore } from "../../state/community.js";
import { api } from "../../state/session.js";
import { useStore } from "../../state/store.js";
import { Avatar } from "../../ui/avatar.js";
import { Button } from "../../ui/button.js";
import { FormError } from "../../ui/form-error.js";
import { Icon } from "../../ui/icons.js";
import { jumpToMessage } from "../chat/message-actions.js";
import { dmName, dmStore, userName } from "../dms/dm-store.js";
import { memberName } from "../shell/member-list.js";
import { parseSearch, type SearchLookups, withoutToken } from "./search-query.js";
import { addFilter, closeSearch, runSearch, searchStore } from "./search-store.js";

const QUICK_FILTERS = ["from:", "mentions:", "in:", "has:link", "has:file", "pinned:true", "before:", "after:"];
const when = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

function useLookups(guildId: string | null): { lookups: SearchLookups; channelName: (id: string) => string } {
  const community = useStore(communityStore, (s) => s);
  const dms = useStore(dmStore, (s) => s.channels);
  return useMemo(() => {
    const entry = guildId ? community.guilds[guildId] : undefined;
    const people = new Map<string, string>();
    for (const member of (guildId ? community.members[guildId] : undefined) ?? []) {
      people.set(member.user.username.toLowerCase(), member.user.id);
      people.set(memberName(member).toLowerCase(), member.user.id);
    }
    for (const dm of Object.values(dms)) {
      for (const user of dm.recipients) people.set(user.username.toLowerCase(), user.id);
    }
    const channels = new Map((entry?.channels ?? []).map((c) => [c.name.toLowerCase(), c.id]));
    const names = new Map<string, string>([
      ...(entry?.channels ?? []).map((c): [string, string] => [c.id, `#${c.name}`]),
      ...Object.values(dms).map((dm): [string, string] => [dm.id, dmName(dm)]),
    ]);
    return {
      lookups: {
        userId: (name) => people.get(name.toLowerCase()),
        channelId: (name) => channels.get(name.toLowerCase()),
      },
      channelName: (id) => names.get(id) ?? "a channel",
    };
  }, [community, dms, guildId]);
}

export default function SearchPanel() {
  const search = useStore(searchStore, (s) => s);
  const navigate = useNavigate();
  const { lookups, channelName } = useLookups(search.guildId);
  const parsed = useMemo(() => parseSearch(search.query, lookups), [search.query, lookups]);
  const [page, setPage] = useState(0);
  const [result, setResult] = useState<SearchResult | null>(null);
  const [error, setError] = useState<string>();

  const key = JSON.stringify([search.guildId, parsed.params, page]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the scope, parameters and page
  useEffect(() => {
    if (parsed.params.length === 0) return;
    let live = true;
    const query = new URLSearchParams(parsed.params);
    query.set("limit", String(SEARCH_LIMIT_MAX));
    query.set("offset", String(page * SEARCH_LIMIT_MAX));
    const path = search.guildId ? `/guilds/${search.guildId}/messages/search` : "/users/@me/messages/search";
    setResult(null);
    setError(undefined);
    api.get<SearchResult>(`${path}?${query}`).then(
      (found) => live && setResult(found),
      (failure) => live && setError(describeError(failure)),
    );
    return () => {
      live = false;
    };
  }, [key]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new question starts at its first page
  useEffect(() => setPage(0), [search.query, search.guildId]);

  const open = (message: Message) => {
    const base = search.guildId ? `/channels/${search.guildId}` : "/channels/@me";
    void jumpToMessage(message.channel_id, message.id);
    void navigate(`${base}/${message.channel_id}`);
  };

  // Escape closes the results unless a dialog or layer above them takes it.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape" || event.defaultPrevented || document.querySelector("dialog[open], [aria-modal=true]"))
        return;
      closeSearch();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const pages = result ? Math.ceil(Math.min(result.total_results, 5000) / SEARCH_LIMIT_MAX) : 0;
  return (
    <aside className="search-panel" aria-label="Search results">
      <header className="search-panel-header">
        <h2 className="search-panel-title" aria-live="polite">
          {result
            ? `${result.total_results.toLocaleString()} ${result.total_results === 1 ? "result" : "results"}`
            : "Searching…"}
        </h2>
        <button type="button" className="icon-button" aria-label="Close search" onClick={closeSearch}>
          <Icon name="close" size={18} />
        </button>
      </header>
      {parsed.chips.length > 0 ? (
        <ul className="search-chips" aria-label="Filters">
          {parsed.chips.map((chip) => (
            <li key={chip.token}>
              <button
                type="button"
                className="search-chip"
                aria-label={`Remove filter ${chip.label}`}
                onClick={() => runSearch(withoutToken(search.query, chip.token), search.guildId)}
              >
                {chip.label} ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <fieldset className="search-quick">
        <legend className="visually-hidden">Add a filter</legend>
        {QUICK_FILTERS.map((filter) => (
          <button key={filter} type="button" className="search-quick-filter" onClick={() => addFilter(filter)}>
            {filter}
          </button>
        ))}
      </fieldset>
      {parsed.problems.map((problem) => (
        <p key={problem} className="search-problem">
          {problem}
        </p>
      ))}
      <FormError message={error} />
      <ol className="search-results" aria-busy={result === null}>
        {result?.messages.map((message) => (
          <li key={message.id}>
            <button type="button" className="search-result" onClick={() => open(message)}>
              <span className="search-result-channel">{channelName(message.channel_id)}</span>
              <span className="search-result-row">
                <Avatar id={message.author.id} name={userName(message.author)} size={32} />
                <span className="search-result-main">
                  <span className="search-result-meta">
                    <span className="search-result-author">{userName(message.author)}</span>
                    <time dateTime={message.created_at}>{when.format(new Date(message.created_at))}</time>
                  </span>
                  <span className="search-result-content">{message.content}</span>
                </span>
              </span>
            </button>
          </li>
        ))}
      </ol>
      {pages > 1 ? (
        <nav className="search-pages" aria-label="Result pages">
          <Button variant="secondary" disabled={page === 0} onClick={() => setPage(page - 1)}>
            Previous
          </Button>
          <span>
            Page {page + 1} of {pages}
          </span>
          <Button variant="secondary" disabled={page + 1 >= pages} onClick={() => setPage(page + 1)}>
            Next
          </Button>
        </nav>
      ) : null}
    </aside>
  );
}
