/** Buttons in four looks; a busy button stays focusable and announces itself with aria-busy. */
import type { ButtonHTMLAttributes } from "react";

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: "primary" | "secondary" | "danger" | "link";
  busy?: boolean;
  block?: boolean;
}

export function Button({
  variant = "primary",
  busy = false,
  block = false,
  className,
  children,
  ...rest
}: ButtonProps) {
  const classes = ["btn", `btn-${variant}`, block ? "btn-block" : "", className ?? ""].filter(Boolean).join(" ");
  return (
    <button type="button" className={classes} aria-busy={busy || undefined} {...rest} disabled={rest.disabled || busy}>
      {busy ? <span className="spinner" aria-hidden="true" /> : null}
      <span className={busy ? "btn-label-hidden" : undefined}>{children}</span>
    </button>
  );
}
