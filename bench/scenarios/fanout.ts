/** Scenario 2: one sender at a steady rate into a guild channel watched by many gateway sessions. */
import type { FanoutSenderConfig, FanoutSenderResult } from "../generators/fanout-sender.js";
import { CHEAP_ARGON2_ENV, registerUsers } from "../lib/accounts.js";
import { requireRoutes } from "../lib/api.js";
import { createCommunity } from "../lib/community.js";
import { GeneratorProcess } from "../lib/generator.js";
import { JsonClient } from "../lib/http-client.js";
import { figure, type Scenario } from "../lib/scenario.js";
import { readCpuMs } from "../lib/server-process.js";
import { finishSessions, openSessions } from "../lib/sessions.js";
import { concatSamples, summarize } from "../lib/stats.js";
import { requireGateway } from "./gateway-probe.js";

const SENDER = new URL("../generators/fanout-sender.ts", import.meta.url).pathname;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const fanoutScenario: Scenario = {
  id: "fanout",
  title: "Fan-out",
  async run(context) {
    const { quick, progress } = context;
    const receivers = quick ? 50 : 1_000;
    const perSecond = 200;
    const durationMs = quick ? 2_000 : 30_000;
    const server = await context.startServer({ env: CHEAP_ARGON2_ENV });
    const client = new JsonClient(server.baseUrl);
    try {
      await requireGateway(server.baseUrl);
      await requireRoutes(client, ["POST /api/v1/channels/{id}/messages"], "messaging, issue 5");
      const [sender, ...members] = await registerUsers(client, receivers + 1, { progress });
      if (!sender) throw new Error("no users");
      const community = await createCommunity(client, sender, members, progress);
      const sessions = await openSessions(
        progress,
        server.baseUrl,
        members.map((m) => m.token),
        { processes: 2, recordFanout: true },
      );
      await sleep(1_000);

      const senderConfig: FanoutSenderConfig = {
        baseUrl: server.baseUrl,
        token: sender.token,
        channelId: community.channelId,
        perSecond,
        durationMs,
      };
      const serverCpuBefore = readCpuMs(server.pid);
      const sending = GeneratorProcess.start<FanoutSenderResult>(SENDER, senderConfig);
      const total = (perSecond * durationMs) / 1000;
      const timer = setInterval(() => {
        const delivered = sessions.reduce((n, g) => n + g.done, 0);
        progress.update("sending", sending.done, total, `messages, ${delivered.toLocaleString("en-US")} deliveries`);
      }, 250);
      let sent: FanoutSenderResult;
      try {
        sent = await sending.result();
      } finally {
        clearInterval(timer);
        progress.clear();
      }
      const results = await finishSessions(sessions, sent.sent, 10_000);
      const serverCpuMs = readCpuMs(server.pid) - serverCpuBefore;
      const latency = summarize(concatSamples(results.map((r) => r.latencies)));
      const missing = results.reduce((n, r) => n + r.missing, 0);
      const duplicates = results.reduce((n, r) => n + r.duplicates, 0);
      const closed = results.flatMap((r) => Object.entries(r.closedByServer));
      const rest = summarize(sent.latencies);
      const delivered = latency.count;
      const receiverCpuMs = results.reduce((n, r) => n + r.cpuMs, 0);
      const perDelivery = (cpuMs: number) => Math.round(((cpuMs * 1000) / Math.max(delivered, 1)) * 100) / 100;
      return {
        figures: [
          figure(
            "receiving sessions",
            results.reduce((n, r) => n + r.identified, 0),
            "",
          ),
          figure("messages sent", sent.sent, ""),
          figure("send rate achieved", sent.achievedRate, "/s", { op: ">=", value: perSecond }),
          figure("delivery latency p50", latency.p50, "ms"),
          figure("delivery latency p99", latency.p99, "ms", { op: "<=", value: 25 }),
          figure("delivery latency max", latency.max, "ms"),
          figure("deliveries missing", missing, "", { op: "=", value: 0 }),
          figure("deliveries duplicated", duplicates, "", { op: "=", value: 0 }),
          figure("send (REST) latency p99", rest.p99, "ms"),
          figure("send errors", sent.errors, "", { op: "=", value: 0 }),
          figure("server CPU time per delivery (sends included)", perDelivery(serverCpuMs), "µs"),
          figure("receiving processes' CPU time per delivery", perDelivery(receiverCpuMs), "µs"),
        ],
        notes: [
          `${receivers.toLocaleString("en-US")} members each hold one gateway session (2 client processes); a separate ` +
            `process posts ${perSecond} msgs/s for ${durationMs / 1000} s. Delivery latency is from just before the POST ` +
            "to the receiving socket's message event (CLOCK_MONOTONIC, shared by all processes), so it includes the REST send.",
          "CPU times are user + system time of the server (from the first send until every delivery arrived) and of " +
            "the two receiving processes, divided by the deliveries: unlike the latencies, load on the machine does not " +
            "inflate them.",
          ...(closed.length > 0 ? [`Sessions closed by the server during the run: ${JSON.stringify(closed)}.`] : []),
          ...(sent.firstError ? [`First send error: ${sent.firstError}`] : []),
        ],
      };
    } finally {
      client.close();
      await server.dispose();
    }
  },
};
