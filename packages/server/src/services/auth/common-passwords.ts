/** The shipped list of the 10,000 most common passwords (SecLists, MIT), checked case-insensitively. */
import { readFileSync } from "node:fs";

let common: Set<string> | undefined;

export function isCommonPassword(password: string): boolean {
  common ??= new Set(
    readFileSync(new URL("../../../assets/common-passwords.txt", import.meta.url), "utf8")
      .split("\n")
      .map((line) => line.trim().toLowerCase())
      .filter(Boolean),
  );
  return common.has(password.toLowerCase());
}
