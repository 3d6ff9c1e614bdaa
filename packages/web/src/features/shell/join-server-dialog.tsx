/** "Join a server": accepts a full invite link or a bare code, then shows the invite's preview page. */
import { type FormEvent, useState } from "react";
import { useNavigate } from "react-router";
import { Button } from "../../ui/button.js";
import { Dialog } from "../../ui/dialog.js";
import { TextField } from "../../ui/text-field.js";

/** "https://host/invite/AbC123xy", "/invite/AbC123xy" or "AbC123xy" → "AbC123xy". */
export function inviteCodeFrom(input: string): string | null {
  const trimmed = input.trim();
  const match = /(?:^|\/invite\/)([A-Za-z0-9_-]{4,64})\/?$/.exec(trimmed);
  return match?.[1] ?? null;
}

export function JoinServerDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const navigate = useNavigate();
  const [link, setLink] = useState("");
  const [error, setError] = useState<string>();

  function submit(event: FormEvent) {
    event.preventDefault();
    const code = inviteCodeFrom(link);
    if (!code) return setError("Enter a valid invite link or code.");
    onClose();
    void navigate(`/invite/${code}`);
  }

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Join a server"
      description="Enter an invite below to join an existing server."
    >
      <form onSubmit={submit} className="dialog-form" noValidate>
        <TextField
          label="Invite link"
          value={link}
          onChange={(event) => setLink(event.target.value)}
          placeholder={`${window.location.origin}/invite/hTKzmak2`}
          hint="Invites look like hTKzmak2 or a link ending in /invite/hTKzmak2."
          error={error}
          required
          autoFocus
        />
        <div className="dialog-actions">
          <Button variant="link" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit">Join server</Button>
        </div>
      </form>
    </Dialog>
  );
}
