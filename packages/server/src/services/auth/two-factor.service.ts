/** TOTP two-factor: enroll (secret + otpauth URI), confirm with a code to turn it on, turn it off with a code; recovery codes. */
import type { CurrentUser } from "@nexus/protocol";
import type { EventPublisher } from "../../bus/bus.js";
import { DomainError } from "../../errors.js";
import { userTopic } from "../../events/domain-events.js";
import type { RecoveryCodeRepository } from "../../storage/repositories/recovery-code.repository.js";
import type { UserRepository } from "../../storage/repositories/user.repository.js";
import { toCurrentUser } from "../users/user-presenter.js";
import type { IdentityVerifier } from "./identity-verifier.js";
import { issueRecoveryCodes } from "./recovery-codes.js";
import type { TotpVerifier } from "./totp.js";

export interface TwoFactorServiceDeps {
  users: UserRepository;
  recoveryCodes: RecoveryCodeRepository;
  identity: IdentityVerifier;
  totp: TotpVerifier;
  events: EventPublisher;
  now: () => number;
}

const alreadyEnabled = () =>
  new DomainError("TOTP_ALREADY_ENABLED", "Two-factor authentication is already on; turn it off first.");

export class TwoFactorService {
  constructor(private readonly deps: TwoFactorServiceDeps) {}

  /** Starts enrollment with a fresh secret; two-factor stays off until a code from it is confirmed. */
  async enroll(userId: string, password: string): Promise<{ secret: string; otpauth_uri: string }> {
    const user = await this.deps.identity.confirmPassword(userId, password);
    if (user.totp_enabled === 1) throw alreadyEnabled();
    const secret = this.deps.totp.newSecret();
    await this.deps.users.update(user.id, { totp_secret: secret, totp_last_step: null });
    return { secret, otpauth_uri: this.deps.totp.uri(secret, user.username) };
  }

  /** Turns two-factor on once the user proves their authenticator produces codes for the enrolled secret. */
  async confirm(userId: string, code: string): Promise<CurrentUser> {
    const user = await this.deps.identity.requireUser(userId);
    if (user.totp_enabled === 1) throw alreadyEnabled();
    if (!user.totp_secret) {
      throw new DomainError("TOTP_NOT_ENROLLED", "Start with POST /users/@me/totp/enroll to get a secret.");
    }
    const step = this.deps.totp.matchingStep(user.totp_secret, code, this.deps.now());
    if (step === null || !(await this.deps.users.claimTotpStep(user.id, step))) {
      throw new DomainError("INVALID_TOTP_CODE", "That code does not match the enrolled secret.", {
        fields: { code: "is not valid" },
      });
    }
    await this.deps.users.update(user.id, { totp_enabled: 1 });
    return this.published(user.id);
  }

  /** Turns two-factor off with a current TOTP code or an unused recovery code. */
  async disable(userId: string, code: string): Promise<CurrentUser> {
    const user = await this.deps.identity.requireUser(userId);
    if (user.totp_enabled !== 1) throw new DomainError("TOTP_NOT_ENABLED", "Two-factor authentication is off.");
    await this.deps.identity.passSecondFactor(user, code, "code");
    await this.deps.users.update(user.id, { totp_enabled: 0, totp_secret: null, totp_last_step: null });
    return this.published(user.id);
  }

  /** Replaces every recovery code with a fresh set, after the password (and second factor, if on). */
  async regenerateRecoveryCodes(userId: string, password: string, totpCode: string | undefined): Promise<string[]> {
    const user = await this.deps.identity.confirm(userId, password, totpCode);
    return issueRecoveryCodes(this.deps.recoveryCodes, user.id);
  }

  private async published(userId: string): Promise<CurrentUser> {
    const user = toCurrentUser(await this.deps.identity.requireUser(userId));
    await this.deps.events.publish(userTopic(userId), { type: "USER_UPDATE", data: user });
    return user;
  }
}
