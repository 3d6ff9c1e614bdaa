/** Invite codes: 10 characters of base62 from the CSPRNG (about 59 bits), unguessable by enumeration. */
import { randomBytes } from "node:crypto";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
export const INVITE_CODE_LENGTH = 10;

export function newInviteCode(): string {
  let code = "";
  while (code.length < INVITE_CODE_LENGTH) {
    for (const byte of randomBytes(16)) {
      // 248 = 4 × 62: rejecting the rest keeps every character equally likely.
      if (byte < 248 && code.length < INVITE_CODE_LENGTH) code += ALPHABET[byte % 62];
    }
  }
  return code;
}
