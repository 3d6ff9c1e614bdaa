/**
 * Passwords: change (signs out other sessions), recovery with a one-time recovery code, reset by an emailed link
 * when the server can send mail, and the operator's reset.
 */
import type { PasswordResetConfirmSchema, PasswordResetRequestSchema, RecoverAccountSchema } from "@nexus/protocol";
import type { z } from "zod";
import { DomainError } from "../../errors.js";
import type { Mailer } from "../../mail/mailer.js";
import type { PasswordResetRepository } from "../../storage/repositories/password-reset.repository.js";
import type { RecoveryCodeRepository } from "../../storage/repositories/recovery-code.repository.js";
import type { UserRepository, UserRow } from "../../storage/repositories/user.repository.js";
import { toCurrentUser } from "../users/user-presenter.js";
import type { AccessClaims } from "./access-tokens.js";
import { usernameKey } from "./auth.service.js";
import type { IdentityVerifier } from "./identity-verifier.js";
import type { PasswordHasher } from "./password-hasher.js";
import { assertAcceptablePassword } from "./password-policy.js";
import { hashRecoveryCode } from "./recovery-codes.js";
import { hashToken, newOpaqueToken } from "./secrets.js";
import type { ClientInfo, SessionService } from "./session.service.js";

export interface PasswordServiceDeps {
  users: UserRepository;
  recoveryCodes: RecoveryCodeRepository;
  resets: PasswordResetRepository;
  sessions: SessionService;
  identity: IdentityVerifier;
  hasher: PasswordHasher;
  /** Null when smtp.url is empty: reset by email is then unavailable. */
  mailer: Mailer | null;
  /** Base of the links in reset mail, e.g. "https://chat.example.org". */
  publicUrl: string;
  now: () => number;
}

/** How long an emailed reset link works. */
export const RESET_TOKEN_TTL_MS = 60 * 60 * 1000;
/** Emails are not unique; a request by email reaches at most this many accounts. */
const MAX_ACCOUNTS_PER_EMAIL = 5;

export const RESET_ACCEPTED = {
  message: "If an account matches and has an email address, a reset link is on its way.",
} as const;

const invalidRecovery = () =>
  new DomainError("INVALID_RECOVERY_CODE", "The username or recovery code is incorrect.", {
    fields: { recovery_code: "is not valid" },
  });
const invalidResetToken = () =>
  new DomainError("INVALID_RESET_TOKEN", "This reset link is not valid or has expired; request a new one.", {
    fields: { token: "is not valid" },
  });

export class PasswordService {
  constructor(private readonly deps: PasswordServiceDeps) {}

  /** Changes the password of the signed-in user and signs out all of their other sessions. */
  async change(actor: AccessClaims, currentPassword: string, newPassword: string): Promise<void> {
    const user = await this.deps.identity.confirmPassword(actor.userId, currentPassword, "current_password");
    assertAcceptablePassword(newPassword, user.username, "new_password");
    await this.setPassword(user, newPassword, actor.sessionId);
  }

  /** Resets a forgotten password with a one-time recovery code; every session ends and a fresh one starts. */
  async recover(input: z.infer<typeof RecoverAccountSchema>, client: ClientInfo) {
    // Judged before the account is looked up, so the answer never tells whether the username exists.
    assertAcceptablePassword(input.new_password, input.username, "new_password");
    const user = await this.deps.users.findByUsernameKey(usernameKey(input.username));
    if (!user) throw invalidRecovery();
    if (!(await this.deps.recoveryCodes.consume(user.id, hashRecoveryCode(input.recovery_code), this.deps.now()))) {
      throw invalidRecovery();
    }
    await this.setPassword(user, input.new_password);
    const tokens = await this.deps.sessions.start(user.id, input.device_name, client);
    return { ...tokens, user: toCurrentUser(user) };
  }

  /** Mails a reset link to the matching account(s); the caller's answer is the same whether or not any matched. */
  async requestReset(input: z.infer<typeof PasswordResetRequestSchema>): Promise<typeof RESET_ACCEPTED> {
    const mailer = this.requireMailer();
    const accounts = input.email
      ? await this.deps.users.findByEmail(input.email, MAX_ACCOUNTS_PER_EMAIL)
      : [await this.deps.users.findByUsernameKey(usernameKey(input.username ?? ""))];
    const now = this.deps.now();
    for (const user of accounts) {
      if (!user?.email) continue;
      const token = newOpaqueToken();
      await this.deps.resets.insert({
        token_hash: hashToken(token),
        user_id: user.id,
        created_at: now,
        expires_at: now + RESET_TOKEN_TTL_MS,
      });
      mailer.send({ to: user.email, subject: "Reset your Nexus password", text: this.resetMail(user, token) });
    }
    return RESET_ACCEPTED;
  }

  /** Sets a new password with an emailed token. Signs out every session; two-factor still applies at next login. */
  async confirmReset(input: z.infer<typeof PasswordResetConfirmSchema>): Promise<void> {
    this.requireMailer();
    const tokenHash = hashToken(input.token);
    const userId = await this.deps.resets.findUser(tokenHash, this.deps.now());
    const user = userId ? await this.deps.users.findById(userId) : undefined;
    if (!user) throw invalidResetToken();
    // Checked before the token is spent, so a rejected password does not cost the user their link.
    assertAcceptablePassword(input.new_password, user.username, "new_password");
    if ((await this.deps.resets.consume(tokenHash, this.deps.now())) !== user.id) throw invalidResetToken();
    await this.setPassword(user, input.new_password);
  }

  /** Gives a user a new random password and signs out all of their sessions (the operator's command). */
  async adminReset(username: string): Promise<string> {
    const user = await this.deps.users.findByUsernameKey(usernameKey(username));
    if (!user) throw new DomainError("UNKNOWN_USER", `No user is named "${username}".`);
    const password = newOpaqueToken().slice(0, 24);
    await this.setPassword(user, password);
    return password;
  }

  private async setPassword(user: UserRow, password: string, keepSessionId?: string): Promise<void> {
    await this.deps.users.update(user.id, { password_hash: await this.deps.hasher.hash(password) });
    // Outstanding reset links were issued for the old password: none may outlive it.
    await this.deps.resets.deleteForUser(user.id);
    await this.deps.sessions.revokeAll(user.id, keepSessionId);
  }

  private requireMailer(): Mailer {
    if (!this.deps.mailer) {
      throw new DomainError(
        "EMAIL_UNAVAILABLE",
        "This server does not send email; reset your password with a recovery code (POST /auth/recover).",
      );
    }
    return this.deps.mailer;
  }

  private resetMail(user: UserRow, token: string): string {
    // The token rides in the fragment, which browsers never send to servers or proxies, so it stays out of logs.
    const link = `${this.deps.publicUrl}/reset-password#token=${token}`;
    return [
      `Someone asked to reset the password of the Nexus account "${user.username}".`,
      "",
      `To choose a new password, open this link within the next hour:`,
      link,
      "",
      "Resetting signs the account out everywhere. If you did not ask for this, ignore this message:",
      "your password stays as it is.",
    ].join("\n");
  }
}
