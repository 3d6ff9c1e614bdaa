/** Invites: a public preview of the server behind a code, and joining through it. */
import type { ApiClient } from "./api-client.js";
import type { Guild } from "./guild-api.js";

export interface InvitePreview {
  code: string;
  guild: Pick<Guild, "id" | "name" | "icon">;
  member_count?: number;
  online_count?: number;
}

export function createInviteApi(api: ApiClient) {
  return {
    preview: (code: string) => api.get<InvitePreview>(`/invites/${encodeURIComponent(code)}`, { auth: false }),
    accept: (code: string) => api.post<unknown>(`/invites/${encodeURIComponent(code)}`),
  };
}
