/** Random tokens and their storage hashes. Tokens carry 256 bits, so a fast hash is enough to store them. */
import { createHash, randomBytes, randomInt } from "node:crypto";

export const newOpaqueToken = () => randomBytes(32).toString("base64url");

export const hashToken = (token: string) => createHash("sha256").update(token).digest("base64url");

const RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

/**
 * A recovery code like "k7m2-qx9f-ht3a-p8wz": 16 characters from a 31-letter alphabet without look-alikes
 * (~79 bits), so even a stolen database cannot be searched for codes.
 */
export function newRecoveryCode(): string {
  let code = "";
  for (let i = 0; i < 16; i++) code += RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)];
  return code.match(/.{4}/g)?.join("-") ?? code;
}

/** Recovery codes are typed by people: compare without case or the dash. */
export const normalizeRecoveryCode = (code: string) => code.trim().toLowerCase().replace(/-/g, "");
