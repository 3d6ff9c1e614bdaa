/** Issues one-time recovery codes: shown to the user once, stored only as hashes. */
import type { RecoveryCodeRepository } from "../../storage/repositories/recovery-code.repository.js";
import { hashToken, newRecoveryCode, normalizeRecoveryCode } from "./secrets.js";

export const RECOVERY_CODE_COUNT = 10;

export const hashRecoveryCode = (code: string) => hashToken(normalizeRecoveryCode(code));

/** Replaces every code the user had with a fresh set and returns the new codes in clear. */
export async function issueRecoveryCodes(repository: RecoveryCodeRepository, userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await repository.replace(userId, codes.map(hashRecoveryCode));
  return codes;
}
