/** Two-factor authentication: enroll (password → secret → first code) or turn it off with a code. */
import type { CurrentUser } from "@nexus/protocol";
import QRCode from "qrcode";
import { type FormEvent, useEffect, useState } from "react";
import type { TotpEnrollment } from "../../api/account-api.js";
import { updateCurrentUser } from "../../state/session.js";
import { Button } from "../../ui/button.js";
import { SettingsBlock } from "../../ui/settings-layer.js";
import { TextField } from "../../ui/text-field.js";
import { useAction } from "../../ui/use-action.js";
import { accountApi } from "./account-api.js";

/** "JBSWY3DPEHPK3PXP" → "JBSW Y3DP EHPK 3PXP": easier to type into an authenticator by hand. */
export function groupSecret(secret: string): string {
  return secret.replace(/(.{4})/g, "$1 ").trim();
}

/** The enrollment as a QR code: what every authenticator app scans first. Drawn locally, never by a third party. */
function EnrollmentQrCode({ uri }: { uri: string }) {
  const [image, setImage] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    QRCode.toDataURL(uri, { errorCorrectionLevel: "M", margin: 2, width: 176 }).then(
      (url) => current && setImage(url),
      () => current && setImage(null),
    );
    return () => {
      current = false;
    };
  }, [uri]);
  if (!image) return null;
  return (
    <img className="totp-qr" src={image} width={176} height={176} alt="QR code to add Nexus to your authenticator" />
  );
}

function DisableForm() {
  const [code, setCode] = useState("");
  const action = useAction();
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!code.trim()) return action.setError("Enter a code from your authenticator or a recovery code.");
    await action.run(async () => updateCurrentUser(await accountApi.disableTotp(code.trim())));
  }
  return (
    <form className="settings-form" onSubmit={submit} noValidate>
      <p className="settings-status settings-status-on">Two-factor authentication is on.</p>
      <TextField
        label="Authentication or recovery code"
        autoComplete="one-time-code"
        value={code}
        onChange={(event) => setCode(event.target.value)}
        error={action.error}
      />
      <div className="settings-actions">
        <Button type="submit" variant="danger" busy={action.busy}>
          Turn off two-factor
        </Button>
      </div>
    </form>
  );
}

function EnrollForm() {
  const [password, setPassword] = useState("");
  const [enrollment, setEnrollment] = useState<TotpEnrollment | null>(null);
  const [code, setCode] = useState("");
  const action = useAction();

  async function start(event: FormEvent) {
    event.preventDefault();
    if (!password) return action.setError("Enter your password.");
    await action.run(async () => setEnrollment(await accountApi.enrollTotp(password)));
  }

  async function confirm(event: FormEvent) {
    event.preventDefault();
    if (!/^\d{6}$/.test(code.trim())) return action.setError("Enter the 6-digit code your app shows.");
    await action.run(async () => updateCurrentUser(await accountApi.confirmTotp(code.trim())));
  }

  if (!enrollment) {
    return (
      <form className="settings-form" onSubmit={start} noValidate>
        <p className="settings-status">Two-factor authentication is off.</p>
        <TextField
          label="Password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={action.error}
          hint="Confirm it's you before setting up an authenticator app."
        />
        <div className="settings-actions">
          <Button type="submit" busy={action.busy}>
            Enable two-factor
          </Button>
        </div>
      </form>
    );
  }
  return (
    <form className="settings-form" onSubmit={confirm} noValidate>
      <ol className="totp-steps">
        <li>
          Scan this code with an authenticator app (Aegis, 1Password, Google Authenticator…):
          <EnrollmentQrCode uri={enrollment.otpauth_uri} />
          On this device you can also <a href={enrollment.otpauth_uri}>open it in your authenticator</a>, or type this
          key:
          <code className="totp-secret">{groupSecret(enrollment.secret)}</code>
        </li>
        <li>Enter the 6-digit code the app shows.</li>
      </ol>
      <TextField
        label="Authentication code"
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={6}
        value={code}
        onChange={(event) => setCode(event.target.value)}
        error={action.error}
        autoFocus
      />
      <div className="settings-actions">
        <Button type="submit" busy={action.busy}>
          Activate
        </Button>
      </div>
    </form>
  );
}

export function TwoFactorBlock({ user }: { user: CurrentUser }) {
  return (
    <SettingsBlock
      title="Two-factor authentication"
      description="Protect your account with a code from an authenticator app at every login."
    >
      {user.totp_enabled ? <DisableForm /> : <EnrollForm />}
    </SettingsBlock>
  );
}
