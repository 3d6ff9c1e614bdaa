/** A labelled input whose error is announced and tied to it with aria-describedby. */
import { type ComponentPropsWithRef, useId } from "react";

export interface TextFieldProps extends ComponentPropsWithRef<"input"> {
  label: string;
  error?: string | undefined;
  hint?: string;
}

export function TextField({ label, error, hint, required, id, ...rest }: TextFieldProps) {
  const autoId = useId();
  const inputId = id ?? autoId;
  const describedBy = [error ? `${inputId}-error` : "", hint ? `${inputId}-hint` : ""].filter(Boolean).join(" ");
  return (
    <div className={`field${error ? " field-invalid" : ""}`}>
      <div className="field-label-row">
        <label htmlFor={inputId} className="field-label">
          {label}
          {required ? (
            <span className="field-required" aria-hidden="true">
              *
            </span>
          ) : null}
        </label>
        {error ? (
          <span className="field-error" id={`${inputId}-error`}>
            {error}
          </span>
        ) : null}
      </div>
      <input
        id={inputId}
        className="input"
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        {...rest}
      />
      {hint ? (
        <p className="field-hint" id={`${inputId}-hint`}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}
