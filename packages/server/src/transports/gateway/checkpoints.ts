/**
 * Scale-out: every few seconds a node records, in the shared session store, the bus log position up to which its
 * sessions' shared buffers are complete. A node adopting one of its sessions later starts its catch-up there.
 */
import type { Logger } from "pino";
import type { Bus } from "../../bus/bus.js";
import type { SharedSessions } from "./shared-sessions.js";

export interface CheckpointDeps {
  bus: Pick<Bus, "checkpoint">;
  shared: SharedSessions;
  /** Whether some delivery still waits on the database (then a checkpoint would vouch for too much). */
  busy(): boolean;
  /** Ids of the sessions living here, whose shared keys are kept from expiring. */
  sessionIds(): string[];
  intervalMs: number;
  logger: Pick<Logger, "warn">;
}

/** Shared session keys are refreshed every this many checkpoints. */
const REFRESH_EVERY = 10;

export function startCheckpoints(deps: CheckpointDeps): NodeJS.Timeout {
  let running = false;
  let count = 0;
  const run = async () => {
    const position = await deps.bus.checkpoint();
    if (position && !deps.busy()) await deps.shared.mark(position);
    if (++count % REFRESH_EVERY === 0) await deps.shared.refresh(deps.sessionIds());
  };
  return setInterval(() => {
    if (running) return;
    running = true;
    run()
      .catch((error: unknown) => deps.logger.warn({ err: error }, "gateway checkpoint failed"))
      .finally(() => {
        running = false;
      });
  }, deps.intervalMs).unref();
}
