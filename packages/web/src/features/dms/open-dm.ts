/** Opens (or reuses) the 1:1 conversation with someone and returns its path. */
import { dmApi } from "./dm-api.js";
import { upsertDmChannel } from "./dm-store.js";

export async function openDmWith(userId: string): Promise<string> {
  const channel = await dmApi.open(userId);
  upsertDmChannel(channel);
  return `/channels/@me/${channel.id}`;
}
