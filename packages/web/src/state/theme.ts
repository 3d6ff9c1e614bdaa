/** Dark by default; the user's choice of light or dark is remembered on this device. */
import { Store } from "./store.js";

export type Theme = "dark" | "light";
const THEME_KEY = "nexus.theme";

function storedTheme(): Theme {
  return window.localStorage.getItem(THEME_KEY) === "light" ? "light" : "dark";
}

export const themeStore = new Store<Theme>(storedTheme());

export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
  document.querySelector('meta[name="theme-color"]')?.setAttribute("content", theme === "dark" ? "#1e1f22" : "#e3e5e8");
}

export function setTheme(theme: Theme): void {
  window.localStorage.setItem(THEME_KEY, theme);
  themeStore.set(theme);
  applyTheme(theme);
}
