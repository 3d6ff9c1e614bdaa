/** "Invite people": makes an invite to the current channel's server and shows the link to share. */
import type { Channel, Guild, Invite } from "@nexus/protocol";
import { useEffect, useState } from "react";
import { describeError } from "../../api/api-error.js";
import { communityApi } from "../../state/community-actions.js";
import { Button } from "../../ui/button.js";
import { Dialog } from "../../ui/dialog.js";
import { Icon } from "../../ui/icons.js";

export function InviteDialog({
  open,
  onClose,
  guild,
  channel,
}: {
  open: boolean;
  onClose: () => void;
  guild: Guild;
  channel: Channel;
}) {
  const [invite, setInvite] = useState<Invite | null>(null);
  const [error, setError] = useState<string>();
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    if (!open) return;
    let cancelled = false;
    setInvite(null);
    setError(undefined);
    setCopied(false);
    communityApi.createInvite(channel.id, { max_age_seconds: 7 * 24 * 60 * 60 }).then(
      (created) => !cancelled && setInvite(created),
      (failure) => !cancelled && setError(describeError(failure)),
    );
    return () => {
      cancelled = true;
    };
  }, [open, channel.id]);

  const link = invite ? `${window.location.origin}/invite/${invite.code}` : "";

  async function copy() {
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }

  return (
    <Dialog open={open} onClose={onClose} title={`Invite friends to ${guild.name}`}>
      <div className="dialog-form">
        <label className="field-label" htmlFor="invite-link">
          Send a server invite link to a friend
        </label>
        <div className="invite-link-row">
          <input
            id="invite-link"
            className="input"
            readOnly
            value={link}
            placeholder={error ? "" : "Creating an invite…"}
            onFocus={(event) => event.currentTarget.select()}
          />
          <Button onClick={() => void copy()} disabled={!invite}>
            <Icon name="copy" size={16} /> {copied ? "Copied" : "Copy"}
          </Button>
        </div>
        <p className="field-hint" role={error ? "alert" : "status"}>
          {error ?? (invite ? `Your invite link expires in 7 days. It leads to #${channel.name}.` : "")}
        </p>
        <div className="dialog-actions">
          <span />
          <Button variant="secondary" onClick={onClose}>
            Done
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
