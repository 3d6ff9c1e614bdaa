/** Appearance: theme, message density and text size, remembered on this device. */
import { appearanceStore, FONT_SCALES, setAppearance } from "../../state/appearance.js";
import { useStore } from "../../state/store.js";
import { setTheme, type Theme, themeStore } from "../../state/theme.js";
import { SettingsBlock } from "../../ui/settings-layer.js";

const THEMES: { value: Theme; label: string }[] = [
  { value: "dark", label: "Dark" },
  { value: "light", label: "Light" },
];

const SIZE_LABELS: Record<number, string> = { 0.875: "Small", 1: "Default", 1.125: "Large", 1.25: "Larger" };

export function AppearanceSection() {
  const theme = useStore(themeStore, (t) => t);
  const appearance = useStore(appearanceStore, (a) => a);
  return (
    <>
      <SettingsBlock title="Theme">
        <fieldset className="radio-group radio-group-row">
          <legend className="visually-hidden">Theme</legend>
          {THEMES.map(({ value, label }) => (
            <label key={value} className={`theme-option theme-option-${value}`}>
              <input type="radio" name="theme" checked={theme === value} onChange={() => setTheme(value)} />
              <span>{label}</span>
            </label>
          ))}
        </fieldset>
      </SettingsBlock>
      <SettingsBlock title="Message display">
        <fieldset className="radio-group">
          <legend className="visually-hidden">Message display</legend>
          <label className="radio-option">
            <input
              type="radio"
              name="density"
              checked={!appearance.compact}
              onChange={() => setAppearance({ compact: false })}
            />
            <span>
              <span className="radio-label">Cozy</span>
              <span className="radio-hint">Avatars and roomy spacing.</span>
            </span>
          </label>
          <label className="radio-option">
            <input
              type="radio"
              name="density"
              checked={appearance.compact}
              onChange={() => setAppearance({ compact: true })}
            />
            <span>
              <span className="radio-label">Compact</span>
              <span className="radio-hint">Fit more messages on screen.</span>
            </span>
          </label>
        </fieldset>
      </SettingsBlock>
      <SettingsBlock title="Text size">
        <div className="field">
          <label className="field-label" htmlFor="font-scale">
            Chat font scaling
          </label>
          <select
            id="font-scale"
            className="input"
            value={appearance.fontScale}
            onChange={(event) => setAppearance({ fontScale: Number(event.target.value) })}
          >
            {FONT_SCALES.map((scale) => (
              <option key={scale} value={scale}>
                {SIZE_LABELS[scale]} ({Math.round(16 * scale)} px)
              </option>
            ))}
          </select>
        </div>
      </SettingsBlock>
    </>
  );
}
