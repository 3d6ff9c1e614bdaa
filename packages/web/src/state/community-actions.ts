/** Things the user does to servers over REST; the store is updated at once, before the matching dispatch arrives. */
import type { GuildSnapshot } from "@nexus/protocol";
import { createCommunityApi } from "../api/community-api.js";
import { setMembers, upsertGuild } from "./community.js";
import { api } from "./session.js";

export const communityApi = createCommunityApi(api);

export async function createGuild(name: string): Promise<GuildSnapshot> {
  const snapshot = await communityApi.createGuild(name);
  upsertGuild(snapshot);
  return snapshot;
}

/** Joins through an invite; returns the guild id once the server is in the store. */
export async function joinWithInvite(code: string): Promise<string> {
  const guild = await communityApi.acceptInvite(code);
  upsertGuild(await communityApi.guild(guild.id));
  return guild.id;
}

export async function loadMembers(guildId: string): Promise<void> {
  setMembers(guildId, await communityApi.members(guildId));
}
