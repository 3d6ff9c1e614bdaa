/** What makes a password acceptable: the protocol's length rules plus not common and not the username. */
import { DomainError } from "../../errors.js";
import { isCommonPassword } from "./common-passwords.js";

export function assertAcceptablePassword(password: string, username: string, field = "password"): void {
  if (isCommonPassword(password) || password.toLowerCase() === username.toLowerCase()) {
    throw new DomainError("WEAK_PASSWORD", "That password is too common; choose another.", {
      fields: { [field]: "is too common" },
    });
  }
}
