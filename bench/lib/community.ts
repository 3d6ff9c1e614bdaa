/** Sets up the community a scenario runs in: one guild, its #general text channel, and members joined to it. */
import type { BenchUser } from "./accounts.js";
import { requireRoutes } from "./api.js";
import type { JsonClient } from "./http-client.js";
import type { Progress } from "./progress.js";

export interface Community {
  guildId: string;
  channelId: string;
}

interface GuildSnapshot {
  id: string;
  channels: { id: string; type: string }[];
}

/** `owner` creates the guild and lists it in the directory, so `members` can join without invites. */
export async function createCommunity(
  client: JsonClient,
  owner: BenchUser,
  members: BenchUser[],
  progress?: Progress,
): Promise<Community> {
  await requireRoutes(
    client,
    ["POST /api/v1/guilds", "PATCH /api/v1/guilds/{id}", "POST /api/v1/directory/{id}/join"],
    "communities, issue 3",
  );
  const guild = await client.expect<GuildSnapshot>(
    [200, 201],
    "POST",
    "/api/v1/guilds",
    { name: "Bench" },
    owner.token,
  );
  const channel = guild.channels.find((c) => c.type === "text");
  if (!channel) throw new Error("a new guild has no text channel");
  await client.expect(
    [200],
    "PATCH",
    `/api/v1/guilds/${guild.id}`,
    { description: "Benchmark community", discoverable: true },
    owner.token,
  );
  let next = 0;
  const join = async () => {
    while (next < members.length) {
      const member = members[next++] as BenchUser;
      await client.expect([200, 201], "POST", `/api/v1/directory/${guild.id}/join`, undefined, member.token);
      progress?.update("joining the guild", next, members.length);
    }
  };
  await Promise.all(Array.from({ length: 8 }, join));
  progress?.clear();
  return { guildId: guild.id, channelId: channel.id };
}
