/** /invite/CODE: the server's preview for anyone, and a join button once signed in (login/register come back here). */

import type { InvitePreview } from "@nexus/protocol";
import { useEffect, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { describeError } from "../../api/api-error.js";
import { communityApi, joinWithInvite } from "../../state/community-actions.js";
import { sessionStore } from "../../state/session.js";
import { useStore } from "../../state/store.js";
import { initials } from "../../ui/avatar.js";
import { Button } from "../../ui/button.js";
import { useTitle } from "../../ui/use-title.js";
import { AuthLayout, FormAlert } from "../auth/auth-layout.js";

export function InvitePage() {
  const { code = "" } = useParams();
  const navigate = useNavigate();
  const signedIn = useStore(sessionStore, (s) => s.status === "signed-in");
  const [preview, setPreview] = useState<InvitePreview | null>(null);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  useTitle(preview ? `Join ${preview.guild.name}` : "Invite");

  useEffect(() => {
    let cancelled = false;
    communityApi.previewInvite(code).then(
      (result) => !cancelled && setPreview(result),
      (failure) => !cancelled && setError(describeError(failure)),
    );
    return () => {
      cancelled = true;
    };
  }, [code]);

  async function join() {
    if (!preview) return;
    setBusy(true);
    setError(undefined);
    try {
      const guildId = await joinWithInvite(code);
      void navigate(`/channels/${guildId}/${preview.channel.id}`, { replace: true });
    } catch (failure) {
      setError(describeError(failure));
      setBusy(false);
    }
  }

  if (!preview) {
    return (
      <AuthLayout title={error ? "Invite invalid" : "Loading invite…"}>
        <p className="auth-subtitle">{error ?? "Checking the invite."}</p>
        {error ? (
          <Link className="btn btn-primary btn-block" to="/channels/@me">
            Continue to Nexus
          </Link>
        ) : null}
      </AuthLayout>
    );
  }

  const next = `?next=${encodeURIComponent(`/invite/${code}`)}`;
  return (
    <AuthLayout title={preview.guild.name} eyebrow="You've been invited to join">
      <div className="invite-preview">
        <span className="invite-icon" aria-hidden="true">
          {initials(preview.guild.name)}
        </span>
        <p className="invite-counts">
          <span className="invite-count">
            <span className="presence-dot presence-online" aria-hidden="true" /> {preview.approximate_presence_count}{" "}
            online
          </span>
          <span className="invite-count">
            <span className="presence-dot presence-offline" aria-hidden="true" /> {preview.approximate_member_count}{" "}
            {preview.approximate_member_count === 1 ? "member" : "members"}
          </span>
        </p>
      </div>
      <FormAlert message={error} />
      {signedIn ? (
        <Button block busy={busy} onClick={() => void join()}>
          Accept invite
        </Button>
      ) : (
        <div className="invite-actions">
          <Link className="btn btn-primary btn-block" to={`/register${next}`}>
            Register to join
          </Link>
          <Link className="btn btn-secondary btn-block" to={`/login${next}`}>
            I already have an account
          </Link>
        </div>
      )}
    </AuthLayout>
  );
}
