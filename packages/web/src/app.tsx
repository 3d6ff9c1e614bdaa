/** Routes: signed-out screens, the app shell, invite links; guards send people where they belong. */
import type { ReactNode } from "react";
import { BrowserRouter, Navigate, Route, Routes, useLocation } from "react-router";
import { safeNext } from "./features/auth/form-errors.js";
import { LoginPage } from "./features/auth/login-page.js";
import { RecoverPage } from "./features/auth/recover-page.js";
import { RegisterPage } from "./features/auth/register-page.js";
import { InvitePage } from "./features/invite/invite-page.js";
import { AppShell } from "./features/shell/app-shell.js";
import { bootSession, sessionStore } from "./state/session.js";
import { useStore } from "./state/store.js";
import { Button } from "./ui/button.js";
import { useTitle } from "./ui/use-title.js";

function Splash({ children }: { children?: ReactNode }) {
  return (
    <main className="splash" aria-busy={children ? undefined : true}>
      <img src="/favicon.svg" alt="" width={64} height={64} className="splash-logo" />
      {children ?? <p className="visually-hidden">Loading Nexus…</p>}
    </main>
  );
}

/** Holds back every route until the stored session has been checked. */
function SessionGate({ children }: { children: ReactNode }) {
  const status = useStore(sessionStore, (s) => s.status);
  if (status === "loading") return <Splash />;
  if (status === "unreachable") {
    return (
      <Splash>
        <h1 className="splash-title">Can't reach the server</h1>
        <p className="splash-text">Nexus will work again as soon as the connection is back.</p>
        <Button onClick={() => void bootSession()}>Try again</Button>
      </Splash>
    );
  }
  return children;
}

function RequireSession({ children }: { children: ReactNode }) {
  const status = useStore(sessionStore, (s) => s.status);
  const location = useLocation();
  if (status !== "signed-in") {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  return children;
}

function GuestOnly({ children }: { children: ReactNode }) {
  const status = useStore(sessionStore, (s) => s.status);
  const location = useLocation();
  if (status === "signed-in") return <Navigate to={safeNext(location.search)} replace />;
  return children;
}

function NotFound() {
  useTitle("Page not found");
  return (
    <Splash>
      <h1 className="splash-title">Nothing here</h1>
      <p className="splash-text">This page doesn't exist, or you can't see it.</p>
      <a className="btn btn-primary" href="/channels/@me">
        Go home
      </a>
    </Splash>
  );
}

export function App() {
  return (
    <BrowserRouter>
      <SessionGate>
        <Routes>
          <Route path="/" element={<Navigate to="/channels/@me" replace />} />
          <Route
            path="/login"
            element={
              <GuestOnly>
                <LoginPage />
              </GuestOnly>
            }
          />
          <Route
            path="/register"
            element={
              <GuestOnly>
                <RegisterPage />
              </GuestOnly>
            }
          />
          <Route
            path="/recover"
            element={
              <GuestOnly>
                <RecoverPage />
              </GuestOnly>
            }
          />
          <Route
            path="/channels/:guildId/:channelId?"
            element={
              <RequireSession>
                <AppShell />
              </RequireSession>
            }
          />
          <Route path="/invite/:code" element={<InvitePage />} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </SessionGate>
    </BrowserRouter>
  );
}
