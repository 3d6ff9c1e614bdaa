/** Scenario 5: history pages at the top, the middle and the bottom of a million-message channel. */
import { runHttpLoad } from "../lib/load.js";
import { type Figure, figure, type Scenario } from "../lib/scenario.js";
import { onSeededServer } from "../lib/seed.js";

const PAGE = 50;
const TARGET = { op: "<=", value: 2 } as const;

export const historyScenario: Scenario = {
  id: "history",
  title: "History pages",
  async run(context) {
    const { quick, progress } = context;
    return onSeededServer(context, async ({ seeded, server, client, token }) => {
      const path = `/api/v1/channels/${seeded.channelId}/messages`;
      // Each page is checked to start where it should: a fast wrong page would be worthless.
      const pages = [
        { name: "newest", query: `limit=${PAGE}`, first: seeded.count - 1 },
        {
          name: "middle",
          query: `before=${seeded.idAt(seeded.count / 2)}&limit=${PAGE}`,
          first: seeded.count / 2 - 1,
        },
        { name: "oldest", query: `before=${seeded.idAt(PAGE)}&limit=${PAGE}`, first: PAGE - 1 },
      ];
      const figures: Figure[] = [];
      for (const page of pages) {
        const messages = await client.expect<{ id: string }[]>([200], "GET", `${path}?${page.query}`, undefined, token);
        if (messages.length !== PAGE || messages[0]?.id !== seeded.idAt(page.first))
          throw new Error(`the ${page.name} page starts at ${messages[0]?.id}, not ${seeded.idAt(page.first)}`);
        const outcome = await runHttpLoad(progress, `${page.name} page`, {
          baseUrl: server.baseUrl,
          concurrency: 1,
          warmupMs: quick ? 200 : 3_000,
          durationMs: quick ? 1_000 : 5_000,
          requests: [{ method: "GET", path: `${path}?${page.query}`, token }],
          expectStatus: [200],
        });
        if (outcome.errors > 0) throw new Error(`${outcome.errors} page loads failed; first: ${outcome.firstError}`);
        const serverSide = outcome.serverLatency;
        figures.push(
          serverSide
            ? figure(`${page.name} page: server time p50`, serverSide.p50, "ms", TARGET)
            : figure(`${page.name} page: server time p50`, "no Server-Timing header", ""),
          ...(serverSide ? [figure(`${page.name} page: server time p99`, serverSide.p99, "ms")] : []),
          figure(`${page.name} page: client p50`, outcome.latency.p50, "ms"),
          figure(`${page.name} page: client p99`, outcome.latency.p99, "ms"),
        );
      }
      return {
        figures,
        notes: [
          `${seeded.count.toLocaleString("en-US")} messages in one guild text channel; pages of ${PAGE} ` +
            `(\`?limit=${PAGE}\`, and \`?before=<id>\` at message ${seeded.count / 2} and at message ${PAGE}); one ` +
            "request in flight, measured after a warm-up of the same request. Server time is the app's own Server-Timing figure (request parsed to response " +
            "written); client time adds loopback HTTP and the client's JSON parsing.",
          seeded.seededNow
            ? `Seeded in ${Math.round(seeded.seedMs / 1000)} s during this run (batched transactions through the storage layer and the search driver).`
            : `Seeded store from bench/.cache (seeding took ${Math.round(seeded.seedMs / 1000)} s when it was made).`,
        ],
      };
    });
  },
};
