/** Create an account, then show the recovery codes once before entering the app. */
import { RegisterSchema } from "@nexus/protocol";
import { type FormEvent, useState } from "react";
import { Link, useLocation, useNavigate } from "react-router";
import type { RegisterResult } from "../../api/auth-api.js";
import { api, authApi, signIn } from "../../state/session.js";
import { Button } from "../../ui/button.js";
import { TextField } from "../../ui/text-field.js";
import { useTitle } from "../../ui/use-title.js";
import { AuthLayout, FormAlert } from "./auth-layout.js";
import { errorsFrom, type FieldErrors, safeNext, validate } from "./form-errors.js";
import { RecoveryCodesStep } from "./recovery-codes-step.js";

export function RegisterPage() {
  const navigate = useNavigate();
  const location = useLocation();
  const [email, setEmail] = useState("");
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [registered, setRegistered] = useState<RegisterResult | null>(null);
  useTitle(registered ? "Save your recovery codes" : "Register");

  async function submit(event: FormEvent) {
    event.preventDefault();
    const input = { username: username.trim(), password, email: email.trim() || undefined };
    const problems = validate(RegisterSchema, input);
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    try {
      const result = await authApi.register(input);
      // Keep the session from now on, so a reload on the next step does not lose the new account.
      api.startSession(result);
      setRegistered(result);
    } catch (error) {
      setErrors(errorsFrom(error));
    } finally {
      setBusy(false);
    }
  }

  if (registered) {
    return (
      <AuthLayout title="Save your recovery codes">
        <RecoveryCodesStep
          username={registered.user.username}
          codes={registered.recovery_codes}
          onContinue={() => {
            signIn(registered, registered.user);
            void navigate(safeNext(location.search), { replace: true });
          }}
        />
      </AuthLayout>
    );
  }

  return (
    <AuthLayout title="Create an account" subtitle="No phone number. No ID. Email is optional.">
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
          hint="2–32 letters, digits, '_' or '.'."
          error={errors.username}
          required
          autoFocus
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          autoComplete="new-password"
          hint="At least 8 characters, and not a common password."
          error={errors.password}
          required
        />
        <TextField
          label="Email (optional)"
          name="email"
          type="email"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          autoComplete="email"
          error={errors.email}
        />
        <Button type="submit" block busy={busy}>
          Continue
        </Button>
        <p className="auth-switch">
          <Link to={`/login${location.search}`}>Already have an account?</Link>
        </p>
      </form>
    </AuthLayout>
  );
}
