/** Scenario 4: time from spawning `nexus serve` to its first 200 on /readyz, empty and with a million messages. */
import { figure, type Scenario, unavailableFigure } from "../lib/scenario.js";
import { SEEDED_MESSAGES, seededChannel } from "../lib/seed.js";
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
    try {
      const first = await context.startServer({ store });
      firstBootMs = first.readyMs;
      await first.dispose();
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
    const size = SEEDED_MESSAGES.full.toLocaleString("en-US");
    if (quick) {
      // A quick run's small seeded channel says nothing about boot time at scale, and seeding it costs two boots.
      figures.push(unavailableFigure(`${size} messages, median`, "ms", "not measured in --quick runs", TARGET));
    } else {
      const seeded = await seededChannel(context);
      const full = await timeBoots(seeded.store, `cold start, ${size} messages`);
      figures.push(
        figure(`${size} messages, median`, Math.round(full.p50), "ms", TARGET),
        figure(`${size} messages, worst`, Math.round(full.max), "ms"),
        figure(`${size} messages, server CPU time until ready (median)`, full.cpuMs, "ms"),
      );
    }
    return {
      figures,
      notes: [
        `From spawn() of \`node packages/server/bin/nexus.js serve\` to the first 200 on /readyz (polled every 2 ms), ` +
          `median of ${runs} boot${runs > 1 ? "s" : ""} on an already-initialised data dir; includes Node's own startup.`,
      ],
    };
  },
};
