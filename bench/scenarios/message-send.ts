/** Scenario 1: messages posted over REST with 1 and with 64 requests in flight. */
import { CHEAP_ARGON2_ENV, registerUsers } from "../lib/accounts.js";
import { requireRoutes } from "../lib/api.js";
import { createCommunity } from "../lib/community.js";
import { JsonClient } from "../lib/http-client.js";
import { runHttpLoad } from "../lib/load.js";
import { type Figure, figure, type Scenario } from "../lib/scenario.js";

const CONTENTS = [
  "hey, is anyone around to look at the deploy?",
  "pushed the fix, can you try again",
  "lunch in 10?",
  "the build is green again 🎉",
  "I think the cache is stale, try a hard refresh",
  "meeting moved to 3pm",
  "does anyone have the link to the design doc",
  "ok that worked, thanks!",
];

export const messageSendScenario: Scenario = {
  id: "send",
  title: "Message send (REST)",
  async run(context) {
    const { quick, progress } = context;
    const server = await context.startServer({ env: CHEAP_ARGON2_ENV });
    const client = new JsonClient(server.baseUrl);
    try {
      await requireRoutes(client, ["POST /api/v1/channels/{id}/messages"], "messaging, issue 5");
      const users = await registerUsers(client, 8, { progress });
      const [owner, ...members] = users as [(typeof users)[0], ...typeof users];
      const { channelId } = await createCommunity(client, owner, members);
      const requests = users.flatMap((user, i) =>
        CONTENTS.map((content, j) => ({
          method: "POST",
          path: `/api/v1/channels/${channelId}/messages`,
          body: { content: CONTENTS[(i + j) % CONTENTS.length] ?? content },
          token: user.token,
        })),
      );
      const figures: Figure[] = [];
      for (const concurrency of [1, 64]) {
        const outcome = await runHttpLoad(progress, `sending at concurrency ${concurrency}`, {
          baseUrl: server.baseUrl,
          concurrency,
          warmupMs: quick ? 300 : 2_000,
          durationMs: quick ? 2_000 : 10_000,
          requests: concurrency === 1 ? requests.filter((r) => r.token === owner.token) : requests,
          expectStatus: [200, 201],
        });
        if (outcome.errors > 0) throw new Error(`${outcome.errors} sends failed; first: ${outcome.firstError}`);
        figures.push(
          figure(
            `concurrency ${concurrency}: messages/s`,
            outcome.requestsPerSecond,
            "/s",
            concurrency === 64 ? { op: ">=", value: 5_000 } : undefined,
          ),
          figure(`concurrency ${concurrency}: latency p50`, outcome.latency.p50, "ms"),
          figure(`concurrency ${concurrency}: latency p99`, outcome.latency.p99, "ms"),
        );
      }
      return {
        figures,
        notes: [
          "Concurrency 1: one user; concurrency 64: 8 users, all posting to one guild text channel over keep-alive " +
            "connections from one client process. Every reply means the message row and its search entry are committed.",
        ],
      };
    } finally {
      client.close();
      await server.dispose();
    }
  },
};
