/** Turns a protocol schema's issues or a server error into per-field messages for a form. */
import type { z } from "zod";
import { ApiError } from "../../api/api-error.js";

export type FieldErrors = Record<string, string>;

export function validate<T extends z.ZodType>(schema: T, input: unknown): FieldErrors {
  const result = schema.safeParse(input);
  if (result.success) return {};
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = issue.path.join(".") || "form";
    errors[key] ??= issue.message;
  }
  return errors;
}

/** Field errors from a 400 with `fields`, else the message as a form-level error. */
export function errorsFrom(error: unknown): FieldErrors {
  if (error instanceof ApiError) {
    if (Object.keys(error.fields).length > 0) return error.fields;
    if (error.code === "RATE_LIMITED" && error.retryAfter) {
      return { form: `Too many attempts. Try again in ${Math.ceil(error.retryAfter)} seconds.` };
    }
    return { form: error.message };
  }
  return { form: "Something went wrong. Please try again." };
}

/** Where to go after signing in: a same-site path from ?next=, never another origin. */
export function safeNext(search: string, fallback = "/channels/@me"): string {
  const next = new URLSearchParams(search).get("next");
  return next?.startsWith("/") && !next.startsWith("//") ? next : fallback;
}
