/** The centred card every signed-out screen sits in, with the form-level error announced politely. */
import type { ReactNode } from "react";

export function AuthLayout({
  title,
  subtitle,
  eyebrow,
  children,
}: {
  title: string;
  subtitle?: string;
  /** A line above the title ("You've been invited to join"). */
  eyebrow?: string;
  children: ReactNode;
}) {
  return (
    <main className="auth-screen">
      <div className="auth-brand" aria-hidden="true">
        <img src="/favicon.svg" alt="" width={36} height={36} />
        <span>Nexus</span>
      </div>
      <section className="auth-card" aria-labelledby="auth-title">
        {eyebrow ? <p className="auth-eyebrow">{eyebrow}</p> : null}
        <h1 id="auth-title" className="auth-title">
          {title}
        </h1>
        {subtitle ? <p className="auth-subtitle">{subtitle}</p> : null}
        {children}
      </section>
    </main>
  );
}

export function FormAlert({ message, tone = "error" }: { message: string | undefined; tone?: "error" | "info" }) {
  return (
    <div className={`form-alert form-alert-${tone}`} role={tone === "error" ? "alert" : "status"} hidden={!message}>
      {message}
    </div>
  );
}
