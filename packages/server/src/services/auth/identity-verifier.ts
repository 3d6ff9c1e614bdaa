/** Re-checks who is acting before sensitive changes: the account password, then the second factor if it is on. */
import { DomainError } from "../../errors.js";
import type { RecoveryCodeRepository } from "../../storage/repositories/recovery-code.repository.js";
import type { UserRepository, UserRow } from "../../storage/repositories/user.repository.js";
import type { PasswordHasher } from "./password-hasher.js";
import { hashRecoveryCode } from "./recovery-codes.js";
import type { TotpVerifier } from "./totp.js";

export interface IdentityVerifierDeps {
  users: UserRepository;
  recoveryCodes: RecoveryCodeRepository;
  hasher: PasswordHasher;
  totp: TotpVerifier;
  now: () => number;
}

const invalidCode = (field: string) =>
  new DomainError("INVALID_TOTP_CODE", "That two-factor or recovery code is not valid.", {
    fields: { [field]: "is not valid" },
  });

export class IdentityVerifier {
  constructor(private readonly deps: IdentityVerifierDeps) {}

  /** The signed-in user, after checking their password. */
  async confirmPassword(userId: string, password: string, field = "password"): Promise<UserRow> {
    const user = await this.requireUser(userId);
    if (!(await this.deps.hasher.verify(user.password_hash, password))) {
      throw new DomainError("INCORRECT_PASSWORD", "The password is incorrect.", {
        fields: { [field]: "is incorrect" },
      });
    }
    return user;
  }

  /** The password, and a TOTP or recovery code when the account has two-factor on. */
  async confirm(userId: string, password: string, secondFactor: string | undefined): Promise<UserRow> {
    const user = await this.confirmPassword(userId, password);
    if (user.totp_enabled === 1) await this.passSecondFactor(user, secondFactor);
    return user;
  }

  /** Passes two-factor with a current, never-used TOTP code or an unused recovery code (which is then spent). */
  async passSecondFactor(user: UserRow, code: string | undefined, field = "totp_code"): Promise<void> {
    if (!code) {
      throw new DomainError("TOTP_REQUIRED", `This account uses two-factor authentication: send ${field}.`, {
        fields: { [field]: "is required" },
      });
    }
    const digits = code.replace(/\s/g, "");
    if (/^[0-9]{6}$/.test(digits)) {
      const step = user.totp_secret ? this.deps.totp.matchingStep(user.totp_secret, digits, this.deps.now()) : null;
      // Claiming the step makes a code single-use even when two requests race with it.
      if (step !== null && (await this.deps.users.claimTotpStep(user.id, step))) return;
      throw invalidCode(field);
    }
    if (await this.deps.recoveryCodes.consume(user.id, hashRecoveryCode(code), this.deps.now())) return;
    throw invalidCode(field);
  }

  async requireUser(userId: string): Promise<UserRow> {
    const user = await this.deps.users.findById(userId);
    if (!user) throw new DomainError("UNKNOWN_USER", "User was not found.");
    return user;
  }
}
