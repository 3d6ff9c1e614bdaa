/**
 * The web scenario's data: one guild whose #general holds `count` messages (inserted in bulk, like the seeded
 * channel of the other scenarios) and whose #random holds a page of messages sent through the API.
 */
import { type BenchUser, CHEAP_ARGON2_ENV, registerUsers } from "./accounts.js";
import { insertMessages } from "./bulk-messages.js";
import { createCommunity } from "./community.js";
import { JsonClient } from "./http-client.js";
import type { BenchContext } from "./scenario.js";
import type { Store } from "./store.js";

/** Messages rotate over this many authors, so most rows carry an author header, as in a busy channel. */
const AUTHORS = 8;

export interface WebChannel {
  id: string;
  name: string;
  /** The newest message: rendered once the channel has opened. */
  newest: { id: string; content: string };
}

export interface WebCommunity {
  store: Store;
  guildId: string;
  general: WebChannel;
  random: WebChannel;
  /** The guild's owner, who signs in to the browser. */
  owner: BenchUser;
  seedMs: number;
}

async function newestMessage(client: JsonClient, channelId: string, token: string): Promise<WebChannel["newest"]> {
  const [newest] = await client.expect<{ id: string; content: string }[]>(
    [200],
    "GET",
    `/api/v1/channels/${channelId}/messages?limit=1`,
    undefined,
    token,
  );
  if (!newest) throw new Error(`channel ${channelId} has no messages`);
  return { id: newest.id, content: newest.content };
}

/** Seeds a fresh store; the caller disposes of `store`. */
export async function seedWebCommunity(
  context: BenchContext,
  counts: { general: number; random: number },
): Promise<WebCommunity> {
  const { progress } = context;
  const started = Date.now();
  const store = await context.newStore();
  try {
    let server = await context.startServer({ store, env: CHEAP_ARGON2_ENV });
    let client = new JsonClient(server.baseUrl);
    let owner: BenchUser;
    let community: { guildId: string; channelId: string };
    let randomId: string;
    let authorIds: string[];
    try {
      const users = await registerUsers(client, AUTHORS, { progress });
      const [first, ...members] = users as [BenchUser, ...BenchUser[]];
      owner = first;
      authorIds = users.map((u) => u.id);
      community = await createCommunity(client, owner, members, progress);
      const random = await client.expect<{ id: string }>(
        [201],
        "POST",
        `/api/v1/guilds/${community.guildId}/channels`,
        { name: "random", type: "text" },
        owner.token,
      );
      randomId = random.id;
      for (let n = 0; n < counts.random; n++) {
        const author = users[n % users.length] as BenchUser;
        await client.expect(
          [200, 201],
          "POST",
          `/api/v1/channels/${randomId}/messages`,
          {
            content: `random chatter number ${n} from ${author.username}`,
          },
          author.token,
        );
      }
    } finally {
      client.close();
      await server.dispose();
    }
    // The server is stopped while its database is written behind its back, as bench/lib/seed.ts does.
    await insertMessages(
      { dataDir: store.dataDir, databaseUrl: store.databaseUrl, ...community, authorIds },
      counts.general,
      progress,
    );
    server = await context.startServer({ store, env: CHEAP_ARGON2_ENV });
    client = new JsonClient(server.baseUrl);
    try {
      return {
        store,
        guildId: community.guildId,
        general: {
          id: community.channelId,
          name: "general",
          newest: await newestMessage(client, community.channelId, owner.token),
        },
        random: { id: randomId, name: "random", newest: await newestMessage(client, randomId, owner.token) },
        owner,
        seedMs: Date.now() - started,
      };
    } finally {
      client.close();
      await server.dispose();
    }
  } catch (error) {
    await store.dispose();
    throw error;
  }
}
