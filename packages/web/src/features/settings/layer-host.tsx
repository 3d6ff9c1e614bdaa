/** Shows the open layer and the search results; each is its own chunk, fetched the first time it is opened. */
import { lazy, Suspense, useEffect } from "react";
import { useParams } from "react-router";
import { closeLayer, layerStore } from "../../state/layers.js";
import { sessionStore } from "../../state/session.js";
import { useStore } from "../../state/store.js";
import { closeSearch, searchStore } from "../search/search-store.js";
import { useShortcuts } from "../switcher/shortcuts.js";

const UserSettings = lazy(() => import("./user-settings.js"));
const ServerLayers = lazy(() => import("../server-settings/server-layers.js"));
const SearchPanel = lazy(() => import("../search/search-panel.js"));
const QuickSwitcher = lazy(() => import("../switcher/quick-switcher.js").then((m) => ({ default: m.QuickSwitcher })));

export function LayerHost() {
  useShortcuts();
  const { guildId = "@me" } = useParams();
  const layer = useStore(layerStore, (l) => l);
  const session = useStore(sessionStore, (s) => s);
  const searching = useStore(searchStore, (s) => s.open);
  // Results belong to the server (or the DMs) they were asked in.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the user moves to another server
  useEffect(() => closeSearch(), [guildId]);
  // Signing out (or switching accounts) must not reopen the last layer for the next person.
  useEffect(() => closeLayer, []);
  if (session.status !== "signed-in") return null;
  const results = searching ? (
    <Suspense fallback={null}>
      <SearchPanel />
    </Suspense>
  ) : null;
  if (layer.kind === "none") return results;
  return (
    <>
      {results}
      <Suspense fallback={<div className="settings-loading" role="status" aria-label="Loading settings" />}>
        {layer.kind === "user-settings" ? (
          <UserSettings user={session.user} section={layer.section} />
        ) : layer.kind === "switcher" ? (
          <QuickSwitcher />
        ) : (
          <ServerLayers layer={layer} user={session.user} />
        )}
      </Suspense>
    </>
  );
}
