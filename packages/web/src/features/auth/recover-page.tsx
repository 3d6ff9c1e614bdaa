/** Reset a forgotten password with one of the recovery codes shown at registration. */
import { RecoverAccountSchema } from "@nexus/protocol";
import { type FormEvent, useState } from "react";
import { Link, useLocation, useNavigate } from "react-router";
import { authApi, sessionStore, signIn } from "../../state/session.js";
import { Button } from "../../ui/button.js";
import { TextField } from "../../ui/text-field.js";
import { useTitle } from "../../ui/use-title.js";
import { AuthLayout, FormAlert } from "./auth-layout.js";
import { errorsFrom, type FieldErrors, safeNext, validate } from "./form-errors.js";

export function RecoverPage() {
  useTitle("Reset password");
  const navigate = useNavigate();
  const location = useLocation();
  const [username, setUsername] = useState("");
  const [code, setCode] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const input = { username: username.trim(), recovery_code: code.trim(), new_password: password };
    const problems = validate(RecoverAccountSchema, input);
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    try {
      const result = await authApi.recover(input);
      if (result?.access_token && result.refresh_token && result.user && result.expires_in !== undefined) {
        signIn(
          {
            access_token: result.access_token,
            refresh_token: result.refresh_token,
            expires_in: result.expires_in,
            token_type: "Bearer",
          },
          result.user,
        );
        void navigate(safeNext(location.search), { replace: true });
      } else {
        sessionStore.set({ status: "signed-out", notice: "Your password was changed. Log in with the new one." });
        void navigate(`/login${location.search}`, { replace: true });
      }
    } catch (error) {
      setErrors(errorsFrom(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthLayout title="Reset your password" subtitle="Use one of the recovery codes you saved when you registered.">
      <form className="auth-form" onSubmit={submit} noValidate>
        <FormAlert message={errors.form} />
        <TextField
          label="Username"
          name="username"
          value={username}
          onChange={(event) => setUsername(event.target.value)}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          error={errors.username}
          required
          autoFocus
        />
        <TextField
          label="Recovery code"
          name="recovery_code"
          value={code}
          onChange={(event) => setCode(event.target.value)}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          placeholder="k7m2-qx9f-ht3a-p8wz"
          error={errors.recovery_code}
          required
        />
        <TextField
          label="New password"
          name="new_password"
          type="password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          autoComplete="new-password"
          hint="At least 8 characters, and not a common password."
          error={errors.new_password}
          required
        />
        <Button type="submit" block busy={busy}>
          Reset password
        </Button>
        <p className="auth-switch">
          <Link to={`/login${location.search}`}>Back to log in</Link>
        </p>
      </form>
    </AuthLayout>
  );
}
