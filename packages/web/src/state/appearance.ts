/** Reading comfort on this device: compact message density and text size, remembered in localStorage. */
import { Store } from "./store.js";

export interface Appearance {
  compact: boolean;
  /** Multiplies the base 16 px font size. */
  fontScale: number;
}

export const FONT_SCALES = [0.875, 1, 1.125, 1.25] as const;
const KEY = "nexus.appearance";
const DEFAULTS: Appearance = { compact: false, fontScale: 1 };

function stored(): Appearance {
  try {
    const saved = JSON.parse(window.localStorage.getItem(KEY) ?? "{}") as Partial<Appearance>;
    const fontScale = FONT_SCALES.find((scale) => scale === saved.fontScale) ?? DEFAULTS.fontScale;
    return { compact: saved.compact === true, fontScale };
  } catch {
    return DEFAULTS;
  }
}

export const appearanceStore = new Store<Appearance>(stored());

export function applyAppearance(appearance: Appearance): void {
  const root = document.documentElement;
  root.dataset.density = appearance.compact ? "compact" : "cozy";
  root.style.setProperty("--font-scale", String(appearance.fontScale));
}

export function setAppearance(changes: Partial<Appearance>): void {
  const next = { ...appearanceStore.get(), ...changes };
  window.localStorage.setItem(KEY, JSON.stringify(next));
  appearanceStore.set(next);
  applyAppearance(next);
}
