/** Scenario 3: server memory per idle, identified gateway session (RSS growth / N, and V8 heap after gc / N). */
import { CHEAP_ARGON2_ENV, registerUsers } from "../lib/accounts.js";
import { createCommunity } from "../lib/community.js";
import { JsonClient } from "../lib/http-client.js";
import { heapUsedAfterGc } from "../lib/inspector.js";
import { figure, NotAvailable, type Scenario } from "../lib/scenario.js";
import { BENCH_INTENTS, finishSessions, openSessions } from "../lib/sessions.js";
import { requireGateway } from "./gateway-probe.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function heapAfterGc(debuggerUrl: string | undefined): Promise<number> {
  if (!debuggerUrl) throw new Error("the server did not print its inspector URL");
  return heapUsedAfterGc(debuggerUrl);
}

export const idleMemoryScenario: Scenario = {
  id: "idle-memory",
  title: "Idle gateway sessions",
  async run(context) {
    const { quick, progress } = context;
    const count = quick ? 50 : 5_000;
    const server = await context.startServer({ env: CHEAP_ARGON2_ENV, inspect: true });
    const client = new JsonClient(server.baseUrl);
    const notes: string[] = [];
    try {
      await requireGateway(server.baseUrl);
      const users = await registerUsers(client, count, { progress });
      try {
        const [owner, ...members] = users as [(typeof users)[0], ...typeof users];
        await createCommunity(client, owner, members, progress);
        notes.push(`All ${count.toLocaleString("en-US")} users are members of one guild.`);
      } catch (error) {
        if (!(error instanceof NotAvailable)) throw error;
        notes.push(`Users share no guild: ${error.message}.`);
      }
      await sleep(2_000);
      const before = server.rssBytes();
      const heapBefore = await heapAfterGc(server.debuggerUrl);
      const sessions = await openSessions(
        progress,
        server.baseUrl,
        users.map((u) => u.token),
        { processes: 2, recordFanout: false },
      );
      await sleep(quick ? 1_000 : 5_000);
      const after = server.rssBytes();
      const heapAfter = await heapAfterGc(server.debuggerUrl);
      const results = await finishSessions(sessions, 0, 0);
      const identified = results.reduce((n, r) => n + r.identified, 0);
      const closed = results.flatMap((r) => Object.entries(r.closedByServer));
      if (closed.length > 0) throw new Error(`the server closed idle sessions: ${JSON.stringify(closed)}`);
      const perSession = (after - before) / identified;
      const heapPerSession = (heapAfter - heapBefore) / identified;
      notes.push(
        `RSS from /proc/<pid>/status before connecting and ${quick ? 1 : 5} s after the last READY; sessions identify ` +
          `with intents ${BENCH_INTENTS.join("+")}, heartbeat on the server's interval, and are spread over 2 client processes. ` +
          "Heap: V8 heap in use after a full gc (through the server's inspector, read just after each RSS), " +
          "i.e. what the sessions keep alive, without garbage or the heap's high-water mark from building READYs.",
      );
      return {
        figures: [
          figure("sessions", identified, ""),
          figure("server RSS before", Math.round(before / 2 ** 20), "MiB"),
          figure("server RSS with sessions", Math.round(after / 2 ** 20), "MiB"),
          figure("memory per idle session", Math.round(perSession / 102.4) / 10, "KiB", { op: "<=", value: 15 }),
          figure("V8 heap after gc per idle session", Math.round(heapPerSession / 102.4) / 10, "KiB"),
        ],
        notes,
      };
    } finally {
      client.close();
      await server.dispose();
    }
  },
};
