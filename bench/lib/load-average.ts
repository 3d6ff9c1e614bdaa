/**
 * The machine's 1-minute load average, sampled through a run: on a shared machine the same code measures very
 * differently when others are busy, so every scenario reports what the machine was doing meanwhile.
 */
import { loadavg } from "node:os";
import { round } from "./stats.js";

export interface LoadSummary {
  mean: number;
  max: number;
}

export class LoadSampler {
  private readonly samples: { at: number; load: number }[] = [];
  private readonly timer: NodeJS.Timeout;

  constructor(intervalMs = 2_000) {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  private sample(): void {
    this.samples.push({ at: Date.now(), load: loadavg()[0] ?? 0 });
  }

  /** Over the samples taken since `since` (epoch ms), plus one taken now. */
  summary(since = 0): LoadSummary {
    this.sample();
    const loads = this.samples.filter((s) => s.at >= since).map((s) => s.load);
    return { mean: round(loads.reduce((a, b) => a + b, 0) / loads.length, 2), max: round(Math.max(...loads), 2) };
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
