/** My Account: the public profile (display name, pronouns, bio) and the password. */
import { type CurrentUser, UpdateCurrentUserSchema } from "@nexus/protocol";
import { type FormEvent, useState } from "react";
import { updateCurrentUser } from "../../state/session.js";
import { Button } from "../../ui/button.js";
import { FormError } from "../../ui/form-error.js";
import { SettingsBlock } from "../../ui/settings-layer.js";
import { TextField } from "../../ui/text-field.js";
import { AvatarSetting } from "../attachments/image-settings.js";
import { errorsFrom, type FieldErrors, validate } from "../auth/form-errors.js";
import { accountApi } from "./account-api.js";

function ProfileForm({ user }: { user: CurrentUser }) {
  const [displayName, setDisplayName] = useState(user.display_name ?? "");
  const [pronouns, setPronouns] = useState(user.pronouns ?? "");
  const [bio, setBio] = useState(user.bio ?? "");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  async function save(event: FormEvent) {
    event.preventDefault();
    const changes = {
      display_name: displayName.trim() || null,
      pronouns: pronouns.trim() || null,
      bio: bio.trim() || null,
    };
    const invalid = validate(UpdateCurrentUserSchema, changes);
    setErrors(invalid);
    setSaved(false);
    if (Object.keys(invalid).length > 0) return;
    setBusy(true);
    try {
      updateCurrentUser(await accountApi.updateProfile(changes));
      setSaved(true);
    } catch (failure) {
      setErrors(errorsFrom(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="settings-form" onSubmit={save} noValidate>
      <TextField label="Username" value={user.username} readOnly hint="Your username is how people find you." />
      <TextField
        label="Display name"
        value={displayName}
        maxLength={32}
        onChange={(event) => setDisplayName(event.target.value)}
        error={errors.display_name}
        hint="Shown instead of your username. Leave empty to use your username."
      />
      <TextField
        label="Pronouns"
        value={pronouns}
        maxLength={40}
        onChange={(event) => setPronouns(event.target.value)}
        error={errors.pronouns}
      />
      <div className={`field${errors.bio ? " field-invalid" : ""}`}>
        <label className="field-label" htmlFor="profile-bio">
          About me
        </label>
        <textarea
          id="profile-bio"
          className="input textarea"
          rows={3}
          maxLength={190}
          value={bio}
          onChange={(event) => setBio(event.target.value)}
        />
        <p className="field-hint">{190 - bio.length} characters left</p>
      </div>
      <FormError message={errors.form} />
      <div className="settings-actions">
        <Button type="submit" busy={busy}>
          Save changes
        </Button>
        <span role="status" className="settings-saved">
          {saved ? "Saved" : ""}
        </span>
      </div>
    </form>
  );
}

function PasswordForm() {
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [confirm, setConfirm] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setDone(false);
    if (!current) return setErrors({ current_password: "Enter your current password." });
    if (next.length < 8) return setErrors({ new_password: "Use at least 8 characters." });
    if (next !== confirm) return setErrors({ confirm: "The passwords don't match." });
    setErrors({});
    setBusy(true);
    try {
      await accountApi.changePassword(current, next);
      setCurrent("");
      setNext("");
      setConfirm("");
      setDone(true);
    } catch (failure) {
      const found = errorsFrom(failure);
      setErrors(found.form?.includes("password") && !found.new_password ? { current_password: found.form } : found);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="settings-form" onSubmit={submit} noValidate>
      <TextField
        label="Current password"
        type="password"
        autoComplete="current-password"
        value={current}
        onChange={(event) => setCurrent(event.target.value)}
        error={errors.current_password}
      />
      <TextField
        label="New password"
        type="password"
        autoComplete="new-password"
        value={next}
        onChange={(event) => setNext(event.target.value)}
        error={errors.new_password}
      />
      <TextField
        label="Confirm new password"
        type="password"
        autoComplete="new-password"
        value={confirm}
        onChange={(event) => setConfirm(event.target.value)}
        error={errors.confirm}
      />
      <FormError message={errors.form} />
      <div className="settings-actions">
        <Button type="submit" busy={busy}>
          Change password
        </Button>
        <span role="status" className="settings-saved">
          {done ? "Password changed. Your other devices were logged out." : ""}
        </span>
      </div>
    </form>
  );
}

export function ProfileSection({ user }: { user: CurrentUser }) {
  return (
    <>
      <SettingsBlock title="Profile">
        <AvatarSetting user={user} />
        <ProfileForm user={user} />
      </SettingsBlock>
      <SettingsBlock title="Password" description="Changing your password logs out every other device.">
        <PasswordForm />
      </SettingsBlock>
    </>
  );
}
