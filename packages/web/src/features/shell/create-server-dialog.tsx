/** "Create a server": a name, then straight into its first channel. */
import { type FormEvent, useState } from "react";
import { useNavigate } from "react-router";
import { describeError } from "../../api/api-error.js";
import { createGuild } from "../../state/community-actions.js";
import { Button } from "../../ui/button.js";
import { Dialog } from "../../ui/dialog.js";
import { TextField } from "../../ui/text-field.js";

export function CreateServerDialog({
  open,
  onClose,
  username,
}: {
  open: boolean;
  onClose: () => void;
  username: string;
}) {
  const navigate = useNavigate();
  const [name, setName] = useState(`${username}'s server`);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) return setError("Give your server a name.");
    setBusy(true);
    setError(undefined);
    try {
      const guild = await createGuild(name.trim());
      onClose();
      const general = guild.channels.filter((c) => c.type === "text").sort((a, b) => a.position - b.position)[0];
      void navigate(general ? `/channels/${guild.id}/${general.id}` : `/channels/${guild.id}`);
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Create your server"
      description="Your server is where you and your friends hang out. Give it a name — you can change it later."
    >
      <form onSubmit={submit} className="dialog-form" noValidate>
        <TextField
          label="Server name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          maxLength={100}
          error={error}
          required
          autoFocus
        />
        <div className="dialog-actions">
          <Button variant="link" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" busy={busy}>
            Create
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
