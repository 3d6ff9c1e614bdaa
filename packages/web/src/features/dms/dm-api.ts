/** Direct messages and relationships over REST, bound to the signed-in session. */
import type { DmChannel, Relationship } from "@nexus/protocol";
import { api } from "../../state/session.js";

export const dmApi = {
  open: (recipientId: string) => api.post<DmChannel>("/users/@me/channels", { recipient_id: recipientId }),
  createGroup: (recipientIds: string[]) => api.post<DmChannel>("/users/@me/channels", { recipient_ids: recipientIds }),
  rename: (channelId: string, name: string | null) =>
    api.patch<DmChannel>(`/users/@me/channels/${channelId}`, { name }),
  leave: (channelId: string) => api.delete<void>(`/users/@me/channels/${channelId}`),
  addRecipient: (channelId: string, userId: string) => api.put<void>(`/channels/${channelId}/recipients/${userId}`),
  removeRecipient: (channelId: string, userId: string) =>
    api.delete<void>(`/channels/${channelId}/recipients/${userId}`),

  relationships: () => api.get<Relationship[]>("/users/@me/relationships"),
  requestByName: (username: string) => api.post<void>("/users/@me/relationships", { username }),
  /** Sends a friend request, accepts theirs, or (with "blocked") blocks. */
  put: (userId: string, type: "friend" | "blocked" = "friend") =>
    api.put<void>(`/users/@me/relationships/${userId}`, { type }),
  remove: (userId: string) => api.delete<void>(`/users/@me/relationships/${userId}`),
};
