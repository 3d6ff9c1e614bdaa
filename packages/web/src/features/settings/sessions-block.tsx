/** Devices: every signed-in session, with "log out" for one and "log out all others". */
import type { Session } from "@nexus/protocol";
import { useCallback, useEffect, useState } from "react";
import { signOut } from "../../state/session.js";
import { Button } from "../../ui/button.js";
import { FormError } from "../../ui/form-error.js";
import { SettingsBlock } from "../../ui/settings-layer.js";
import { useAction } from "../../ui/use-action.js";
import { accountApi } from "./account-api.js";

const when = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

function SessionItem({ session, onRevoke }: { session: Session; onRevoke: () => void }) {
  const name = session.device_name ?? "Unknown device";
  return (
    <li className="session-item">
      <div className="session-names">
        <span className="session-device">
          {name}
          {session.current ? <span className="session-current"> · This device</span> : null}
        </span>
        <span className="session-meta">
          Last active {when.format(new Date(session.last_used_at))}
          {session.ip ? ` · ${session.ip}` : ""}
        </span>
      </div>
      <Button
        variant="secondary"
        onClick={onRevoke}
        aria-label={`Log out ${name}${session.current ? " (this device)" : ""}`}
      >
        Log out
      </Button>
    </li>
  );
}

export function SessionsBlock() {
  const [sessions, setSessions] = useState<Session[] | null>(null);
  const [notice, setNotice] = useState("");
  const action = useAction();
  const { run } = action;

  const load = useCallback(
    () =>
      run(async () => setSessions((await accountApi.sessions()).sort((a, b) => Number(b.current) - Number(a.current)))),
    [run],
  );
  useEffect(() => {
    void load();
  }, [load]);

  const revoke = (session: Session) => {
    if (session.current) return void signOut();
    void run(async () => {
      await accountApi.revokeSession(session.id);
      setSessions((list) => list?.filter((s) => s.id !== session.id) ?? null);
      setNotice(`${session.device_name ?? "That device"} was logged out.`);
    });
  };

  const revokeOthers = () =>
    void run(async () => {
      const { revoked } = await accountApi.revokeOtherSessions();
      setSessions((list) => list?.filter((s) => s.current) ?? null);
      setNotice(revoked === 1 ? "1 other device was logged out." : `${revoked} other devices were logged out.`);
    });

  const others = sessions?.filter((s) => !s.current).length ?? 0;
  return (
    <SettingsBlock title="Devices" description="Everywhere you're logged in. Log out any device you don't recognise.">
      {sessions ? (
        <ul className="session-list" aria-label="Devices">
          {sessions.map((session) => (
            <SessionItem key={session.id} session={session} onRevoke={() => revoke(session)} />
          ))}
        </ul>
      ) : (
        <p aria-busy="true">Loading devices…</p>
      )}
      <FormError message={action.error} />
      <div className="settings-actions">
        <Button variant="danger" onClick={revokeOthers} disabled={others === 0} busy={action.busy}>
          Log out all other devices
        </Button>
        <span role="status" className="settings-saved">
          {notice}
        </span>
      </div>
    </SettingsBlock>
  );
}
