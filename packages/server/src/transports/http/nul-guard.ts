/**
 * Rejects NUL characters anywhere in a request's JSON body or query string. PostgreSQL cannot store them in text
 * (it fails the whole statement), and no Nexus field has a use for them, so they are a 400 on both backends.
 */
import type { FastifyInstance } from "fastify";
import { DomainError } from "../../errors.js";

/** The dotted path of the first string containing U+0000, or null. */
function findNul(value: unknown, path: string[] = [], depth = 0): string | null {
  if (typeof value === "string") return value.includes("\u0000") ? path.join(".") || "body" : null;
  if (value === null || typeof value !== "object" || depth > 32) return null;
  for (const [key, child] of Object.entries(value)) {
    if (key.includes("\u0000")) return [...path, key.replaceAll("\u0000", "\\0")].join(".");
    const found = findNul(child, [...path, key], depth + 1);
    if (found !== null) return found;
  }
  return null;
}

export function installNulGuard(app: FastifyInstance): void {
  app.addHook("preValidation", async (request) => {
    const field = findNul(request.body) ?? findNul(request.query);
    if (field !== null) {
      throw new DomainError("VALIDATION_FAILED", `Invalid request: ${field}: must not contain NUL characters.`, {
        fields: { [field]: "must not contain NUL characters" },
      });
    }
  });
}
