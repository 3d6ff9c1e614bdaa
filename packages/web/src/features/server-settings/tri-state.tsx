/** One permission in an overwrite: deny, neutral (inherit) or allow, as a labelled radio group. */
import { useId } from "react";

export type OverwriteValue = "deny" | "neutral" | "allow";

const OPTIONS: { value: OverwriteValue; label: string; glyph: string }[] = [
  { value: "deny", label: "Deny", glyph: "✕" },
  { value: "neutral", label: "Neutral", glyph: "/" },
  { value: "allow", label: "Allow", glyph: "✓" },
];

export function TriState({
  label,
  description,
  value,
  disabled,
  onChange,
}: {
  label: string;
  description: string;
  value: OverwriteValue;
  disabled: boolean;
  onChange: (value: OverwriteValue) => void;
}) {
  const name = useId();
  return (
    <fieldset className="permission-row" disabled={disabled}>
      <legend className="permission-label">{label}</legend>
      <p className="permission-description">{description}</p>
      <div className="tri-state">
        {OPTIONS.map((option) => (
          <label key={option.value} className={`tri-state-option tri-state-${option.value}`}>
            <input type="radio" name={name} checked={value === option.value} onChange={() => onChange(option.value)} />
            <span aria-hidden="true">{option.glyph}</span>
            <span className="visually-hidden">{option.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** A permission switch for roles: on or off, with its description. */
export function PermissionSwitch({
  label,
  description,
  checked,
  disabled,
  onChange,
}: {
  label: string;
  description: string;
  checked: boolean;
  disabled: boolean;
  onChange: (checked: boolean) => void;
}) {
  const id = useId();
  return (
    <div className="permission-row">
      <label className="permission-label" htmlFor={id}>
        {label}
      </label>
      <p className="permission-description" id={`${id}-description`}>
        {description}
      </p>
      <input
        id={id}
        type="checkbox"
        role="switch"
        className="switch"
        checked={checked}
        aria-checked={checked}
        disabled={disabled}
        aria-describedby={`${id}-description`}
        onChange={(event) => onChange(event.target.checked)}
      />
    </div>
  );
}
