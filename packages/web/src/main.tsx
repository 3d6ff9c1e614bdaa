/** Entry point: applies the saved theme, restores the session and mounts the app. */
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app.js";
import { keepMediaCookieFresh } from "./features/attachments/media-cookie.js";
import { appearanceStore, applyAppearance } from "./state/appearance.js";
import { startRealtime } from "./state/realtime.js";
import { bootSession } from "./state/session.js";
import { applyTheme, themeStore } from "./state/theme.js";
import "./styles/tokens.css";
import "./styles/base.css";
import "./styles/auth.css";
import "./styles/shell.css";

applyTheme(themeStore.get());
applyAppearance(appearanceStore.get());
void bootSession();
startRealtime();
keepMediaCookieFresh();

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
