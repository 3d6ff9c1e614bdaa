/** Delete account: names the servers the user still owns (the server refuses until they are handed over). */
import type { CurrentUser } from "@nexus/protocol";
import { type FormEvent, useState } from "react";
import { ApiError } from "../../api/api-error.js";
import { communityStore } from "../../state/community.js";
import { api, sessionStore } from "../../state/session.js";
import { useStore } from "../../state/store.js";
import { Button } from "../../ui/button.js";
import { Dialog } from "../../ui/dialog.js";
import { FormError } from "../../ui/form-error.js";
import { SettingsBlock } from "../../ui/settings-layer.js";
import { TextField } from "../../ui/text-field.js";
import { useAction } from "../../ui/use-action.js";
import { accountApi } from "./account-api.js";

function useOwnedServers(userId: string): string[] {
  const guilds = useStore(communityStore, (s) => s.guilds);
  return Object.values(guilds)
    .filter((entry) => entry.guild.owner_id === userId)
    .map((entry) => entry.guild.name);
}

function DeleteAccountDialog({ user, onClose }: { user: CurrentUser; onClose: () => void }) {
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [deleteMessages, setDeleteMessages] = useState(false);
  const [ownsServers, setOwnsServers] = useState<string>();
  const action = useAction();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!password) return action.setError("Enter your password.");
    setOwnsServers(undefined);
    const ok = await action.run(async () => {
      try {
        await accountApi.deleteAccount({
          password,
          delete_messages: deleteMessages,
          ...(user.totp_enabled ? { totp_code: code.trim() } : {}),
        });
      } catch (failure) {
        if (failure instanceof ApiError && failure.code === "OWNS_GUILDS") setOwnsServers(failure.message);
        throw failure;
      }
    });
    if (!ok) return;
    api.endSession();
    sessionStore.set({ status: "signed-out", notice: "Your account was deleted." });
  }

  return (
    <Dialog
      open
      onClose={onClose}
      title="Delete account"
      description="This can't be undone. Your profile is erased and you're logged out everywhere."
    >
      <form className="dialog-form" onSubmit={submit} noValidate>
        <TextField
          label="Password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          required
          autoFocus
        />
        {user.totp_enabled ? (
          <TextField
            label="Authentication or recovery code"
            autoComplete="one-time-code"
            value={code}
            onChange={(event) => setCode(event.target.value)}
            required
          />
        ) : null}
        <label className="checkbox">
          <input
            type="checkbox"
            checked={deleteMessages}
            onChange={(event) => setDeleteMessages(event.target.checked)}
          />
          Also delete every message I wrote
        </label>
        <FormError message={action.error ? (ownsServers ?? action.error) : undefined} />
        <div className="dialog-actions">
          <Button variant="link" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" variant="danger" busy={action.busy}>
            Delete account
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

export function DeleteAccountBlock({ user }: { user: CurrentUser }) {
  const [open, setOpen] = useState(false);
  const owned = useOwnedServers(user.id);
  return (
    <SettingsBlock
      title="Delete account"
      description="Deleting your account erases your profile and logs you out everywhere."
    >
      {owned.length > 0 ? (
        <p className="settings-warning">
          You own {owned.length === 1 ? "a server" : `${owned.length} servers`} ({owned.join(", ")}). Transfer ownership
          or delete {owned.length === 1 ? "it" : "them"} before deleting your account.
        </p>
      ) : null}
      <div className="settings-actions">
        <Button variant="danger" onClick={() => setOpen(true)}>
          Delete account
        </Button>
      </div>
      {open ? <DeleteAccountDialog user={user} onClose={() => setOpen(false)} /> : null}
    </SettingsBlock>
  );
}
