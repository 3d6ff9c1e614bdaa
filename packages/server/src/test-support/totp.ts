/** Generates TOTP codes the way an authenticator app would, for tests of two-factor flows. */
import { Secret, TOTP } from "otpauth";

/** The code for `secret` at `offsetSteps` 30-second steps from now (the server accepts -1, 0 and +1). */
export function totpCode(secret: string, offsetSteps = 0): string {
  return new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: Date.now() + offsetSteps * 30_000 });
}
