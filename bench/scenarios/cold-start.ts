/** Scenario 4: time from spawning `nexus serve` to its first 200 on /readyz, empty and with a million messages. */
import { requireRoutes } from "../lib/api.js";
import { JsonClient } from "../lib/http-client.js";
import { figure, NotAvailable, type Scenario, unavailableFigure } from "../lib/scenario.js";
import { summarize } from "../lib/stats.js";
import type { Store } from "../lib/store.js";

const TARGET = { op: "<=", value: 500 } as const;

export const coldStartScenario: Scenario = {
  id: "cold-start",
  title: "Cold start",
  async run(context) {
    const { quick, progress } = context;
    const runs = quick ? 1 : 5;
    const timeBoots = async (store: Store, label: string) => {
      const wall: number[] = [];
      const cpu: number[] = [];
      for (let i = 0; i < runs; i++) {
        progress.update(label, i, runs, "boots");
        const server = await context.startServer({ store });
        wall.push(server.readyMs);
        cpu.push(server.cpuMsAtReady);
        await server.dispose();
      }
      progress.clear();
      return { ...summarize(wall), cpuMs: summarize(cpu).p50 };
    };

    const store = await context.newStore();
    let firstBootMs: number;
    let empty: Awaited<ReturnType<typeof timeBoots>>;
    let seedable: NotAvailable | undefined;
    try {
      const first = await context.startServer({ store });
      const client = new JsonClient(first.baseUrl);
      try {
        firstBootMs = first.readyMs;
        seedable = await requireRoutes(client, ["POST /api/v1/channels/{id}/messages"], "messaging, issue 5").then(
          () => new NotAvailable("seeding a million messages is not implemented in bench yet"),
          (error: unknown) => {
            if (error instanceof NotAvailable) return error;
            throw error;
          },
        );
      } finally {
        client.close();
        await first.dispose();
      }
      empty = await timeBoots(store, "cold start, empty database");
    } finally {
      await store.dispose();
    }

    const figures = [
      figure("first boot of a new install (writes config, creates schema)", Math.round(firstBootMs), "ms"),
      figure("empty database, median", Math.round(empty.p50), "ms", TARGET),
      figure("empty database, worst", Math.round(empty.max), "ms"),
      figure("empty database, server CPU time until ready (median)", empty.cpuMs, "ms"),
    ];
    figures.push(unavailableFigure("1,000,000 messages, median", "ms", seedable.message, TARGET));
    return {
      figures,
      notes: [
        `From spawn() of \`node packages/server/bin/nexus.js serve\` to the first 200 on /readyz (polled every 2 ms), ` +
          `median of ${runs} boot${runs > 1 ? "s" : ""} on an already-initialised data dir; includes Node's own startup.`,
      ],
    };
  },
};
