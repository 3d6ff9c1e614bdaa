/** Setting and removing avatars, guild icons and banners: a multipart PUT of one `file`, or a DELETE. */
import type { CurrentUser, ErrorBody, Guild } from "@nexus/protocol";
import { API_BASE } from "../../api/api-client.js";
import { ApiError } from "../../api/api-error.js";
import { api } from "../../state/session.js";

export type GuildImageKind = "icon" | "banner";

async function putImage<T>(path: string, file: File): Promise<T> {
  const form = new FormData();
  form.append("file", file, file.name);
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}`, {
      method: "PUT",
      headers: { authorization: `Bearer ${await api.accessToken()}` },
      body: form,
    });
  } catch (cause) {
    throw ApiError.network(cause);
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as ErrorBody | null;
    throw new ApiError(response.status, body?.error ?? { code: "UPLOAD_FAILED", message: "The upload failed." });
  }
  return (await response.json()) as T;
}

export const profileImageApi = {
  setAvatar: (file: File) => putImage<CurrentUser>("/users/@me/avatar", file),
  removeAvatar: () => api.delete<CurrentUser>("/users/@me/avatar"),
  setGuildImage: (guildId: string, kind: GuildImageKind, file: File) =>
    putImage<Guild>(`/guilds/${guildId}/${kind}`, file),
  removeGuildImage: (guildId: string, kind: GuildImageKind) => api.delete<Guild>(`/guilds/${guildId}/${kind}`),
};
