/** The signed-in user's own account: profile, password, two-factor, sessions, privacy, export and deletion. */
import type {
  CurrentUser,
  DmPrivacy,
  PrivacySettings,
  Session,
  TotpEnrollmentSchema,
  UpdateCurrentUser,
} from "@nexus/protocol";
import type { z } from "zod";
import { API_BASE, type ApiClient } from "./api-client.js";

export type TotpEnrollment = z.infer<typeof TotpEnrollmentSchema>;
export interface ExportTicket {
  id: string;
  url: string;
  expires_at: string;
}

export function createAccountApi(api: ApiClient) {
  return {
    updateProfile: (changes: UpdateCurrentUser) => api.patch<CurrentUser>("/users/@me", changes),
    changePassword: (current_password: string, new_password: string) =>
      api.post<void>("/users/@me/password", { current_password, new_password }),
    enrollTotp: (password: string) => api.post<TotpEnrollment>("/users/@me/totp/enroll", { password }),
    confirmTotp: (code: string) => api.post<CurrentUser>("/users/@me/totp/confirm", { code }),
    disableTotp: (code: string) => api.post<CurrentUser>("/users/@me/totp/disable", { code }),
    sessions: () => api.get<Session[]>("/auth/sessions"),
    revokeSession: (id: string) => api.delete<void>(`/auth/sessions/${id}`),
    revokeOtherSessions: () => api.post<{ revoked: number }>("/auth/sessions/revoke-others"),
    privacy: () => api.get<PrivacySettings>("/users/@me/privacy"),
    setDmPrivacy: (dm_privacy: DmPrivacy) => api.patch<PrivacySettings>("/users/@me/privacy", { dm_privacy }),
    requestExport: () => api.post<ExportTicket>("/users/@me/export"),
    /** The ticket's url is absolute on the server ("/api/v1/..."); the client adds the prefix itself. */
    /** The zip archive: the JSON document and the user's files. */
    downloadExport: (ticket: ExportTicket) => api.get<Blob>(ticket.url.replace(API_BASE, ""), { blob: true }),
    deleteAccount: (body: { password: string; totp_code?: string; delete_messages: boolean }) =>
      api.delete<void>("/users/@me", { body }),
  };
}
