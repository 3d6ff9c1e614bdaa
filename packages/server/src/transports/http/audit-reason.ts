/** The acting user plus the X-Audit-Log-Reason header (URL-encoded, so any text fits in a header). */
import { AUDIT_LOG_REASON_HEADER, AUDIT_LOG_REASON_MAX } from "@nexus/protocol";
import type { FastifyRequest } from "fastify";
import { invalidField } from "../../errors.js";
import type { Actor } from "../../services/audit/audit-entry.js";
import { actor } from "./authenticate.js";

function decodeReason(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

export function auditActor(request: FastifyRequest): Actor {
  const { userId } = actor(request);
  const header = request.headers[AUDIT_LOG_REASON_HEADER];
  const raw = Array.isArray(header) ? header[0] : header;
  if (raw === undefined) return { userId };
  const reason = decodeReason(raw).trim();
  if (reason.length > AUDIT_LOG_REASON_MAX) {
    throw invalidField(AUDIT_LOG_REASON_HEADER, `must be at most ${AUDIT_LOG_REASON_MAX} characters`);
  }
  return reason ? { userId, reason } : { userId };
}
