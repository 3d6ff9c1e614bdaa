/**
 * Load generator: one user posting to one channel at a steady rate (open loop: a slow reply does not delay the next
 * send), each message's content carrying its sequence number and send time for the receivers to time delivery.
 */
import { runGenerator } from "../lib/generator.js";
import { JsonClient } from "../lib/http-client.js";
import { msSince } from "../lib/stats.js";
import { fanoutContent } from "./gateway-sessions.js";

export interface FanoutSenderConfig {
  baseUrl: string;
  token: string;
  channelId: string;
  perSecond: number;
  durationMs: number;
}

export interface FanoutSenderResult {
  sent: number;
  errors: number;
  firstError?: string;
  /** REST round trip of each send, ms. */
  latencies: Float64Array;
  /** Sends per second actually achieved. */
  achievedRate: number;
}

runGenerator<FanoutSenderConfig, FanoutSenderResult>(async (config, link) => {
  const client = new JsonClient(config.baseUrl, 32);
  const total = Math.round((config.perSecond * config.durationMs) / 1000);
  const intervalNs = BigInt(Math.round(1e9 / config.perSecond));
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const inFlight = new Set<Promise<void>>();
  const path = `/api/v1/channels/${config.channelId}/messages`;

  const send = async (seq: number) => {
    const sent = process.hrtime.bigint();
    try {
      await client.expect([200, 201], "POST", path, { content: fanoutContent(seq, sent) }, config.token);
      latencies.push(msSince(sent));
    } catch (error) {
      errors += 1;
      firstError ??= (error as Error).message;
    }
  };

  const start = process.hrtime.bigint();
  for (let seq = 0; seq < total; seq++) {
    const due = start + intervalNs * BigInt(seq);
    const waitMs = Number(due - process.hrtime.bigint()) / 1e6;
    if (waitMs > 0.5) await new Promise((resolve) => setTimeout(resolve, waitMs));
    const pending = send(seq).finally(() => inFlight.delete(pending));
    inFlight.add(pending);
    link.progress(seq + 1);
  }
  const elapsedMs = msSince(start);
  await Promise.all(inFlight);
  client.close();
  return {
    sent: total,
    errors,
    ...(firstError ? { firstError } : {}),
    latencies: Float64Array.from(latencies),
    achievedRate: Math.round((total / elapsedMs) * 1000),
  };
});
