/** Log in with username and password, then a two-factor step when the server answers TOTP_REQUIRED. */
import { type FormEvent, useEffect, useRef, useState } from "react";
import { Link, useLocation, useNavigate } from "react-router";
import { ApiError } from "../../api/api-error.js";
import { authApi, sessionStore, signIn } from "../../state/session.js";
import { useStore } from "../../state/store.js";
import { Button } from "../../ui/button.js";
import { TextField } from "../../ui/text-field.js";
import { useTitle } from "../../ui/use-title.js";
import { AuthLayout, FormAlert } from "./auth-layout.js";
import { errorsFrom, type FieldErrors, safeNext } from "./form-errors.js";

export function LoginPage() {
  useTitle("Log in");
  const navigate = useNavigate();
  const location = useLocation();
  const notice = useStore(sessionStore, (s) => (s.status === "signed-out" ? s.notice : undefined));
  const [step, setStep] = useState<"credentials" | "totp">("credentials");
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const codeRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (step === "totp") codeRef.current?.focus();
  }, [step]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    try {
      const totp_code = step === "totp" ? code.trim() : undefined;
      const result = await authApi.login({ username: username.trim(), password, totp_code });
      signIn(result, result.user);
      void navigate(safeNext(location.search), { replace: true });
    } catch (error) {
      if (error instanceof ApiError && error.code === "TOTP_REQUIRED") setStep("totp");
      else if (error instanceof ApiError && error.code === "INVALID_TOTP_CODE") setErrors({ totp_code: error.message });
      else if (error instanceof ApiError && error.code === "INVALID_CREDENTIALS") {
        setErrors({ username: "Login or password is invalid.", password: "Login or password is invalid." });
      } else setErrors(errorsFrom(error));
    } finally {
      setBusy(false);
    }
  }

  const registerLink = `/register${location.search}`;

  if (step === "totp") {
    return (
      <AuthLayout title="Two-factor authentication" subtitle="Enter the 6-digit code from your authenticator app.">
        <form className="auth-form" onSubmit={submit} noValidate>
          <FormAlert message={errors.form} />
          <TextField
            ref={codeRef}
            label="Authentication code"
            name="totp_code"
            value={code}
            onChange={(event) => setCode(event.target.value)}
            autoComplete="one-time-code"
            inputMode="text"
            placeholder="123456"
            hint="Lost your device? Enter one of your recovery codes instead."
            error={errors.totp_code}
            required
          />
          <Button type="submit" block busy={busy}>
            Log in
          </Button>
          <Button variant="link" onClick={() => setStep("credentials")}>
            Go back
          </Button>
        </form>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout title="Welcome back!" subtitle="We're so excited to see you again!">
      <form className="auth-form" onSubmit={submit} noValidate>
        <FormAlert message={notice && !errors.form ? notice : undefined} tone="info" />
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
          label="Password"
          name="password"
          type="password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          autoComplete="current-password"
          error={errors.password}
          required
        />
        <Link className="auth-link auth-forgot" to={`/recover${location.search}`}>
          Forgot your password?
        </Link>
        <Button type="submit" block busy={busy}>
          Log in
        </Button>
        <p className="auth-switch">
          Need an account? <Link to={registerLink}>Register</Link>
        </p>
      </form>
    </AuthLayout>
  );
}
