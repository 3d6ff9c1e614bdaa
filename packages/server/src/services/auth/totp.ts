/** RFC 6238 TOTP (SHA-1, 6 digits, 30 s) via otpauth, accepting one step of clock drift either way. */
import { Secret, TOTP } from "otpauth";

const PERIOD = 30;

export class TotpVerifier {
  constructor(private readonly issuer: string) {}

  newSecret(): string {
    return new Secret({ size: 20 }).base32;
  }

  uri(secret: string, account: string): string {
    return this.totp(secret, account).toString();
  }

  /** The time step the code belongs to, or null; callers store it so a code is never accepted twice. */
  matchingStep(secret: string, code: string, now = Date.now()): number | null {
    const delta = this.totp(secret).validate({ token: code, timestamp: now, window: 1 });
    if (delta === null) return null;
    return Math.floor(now / 1000 / PERIOD) + delta;
  }

  private totp(secret: string, label = "nexus"): TOTP {
    return new TOTP({
      issuer: this.issuer,
      label,
      algorithm: "SHA1",
      digits: 6,
      period: PERIOD,
      secret: Secret.fromBase32(secret),
    });
  }
}
