/**
 * Writes each connection's frames once per event-loop turn. A socket write is a system call costing more than
 * everything else a delivery does; connections queue the turn's frames and the flusher has each write them in one
 * buffer (framed by the shared encoder), so a turn that hands a connection several dispatches costs it one call
 * instead of one per frame. Under load turns get longer and batches bigger, which is when the saving matters; an
 * idle server adds only a setImmediate of delay.
 */
import { FrameEncoder } from "./ws-frames.js";

export interface Flushable {
  flush(): void;
}

export class FrameFlusher {
  readonly encoder = new FrameEncoder();
  private pending: Flushable[] = [];
  private scheduled = false;

  /** `target` has frames queued; it is flushed once, after the current turn's I/O callbacks. */
  schedule(target: Flushable): void {
    this.pending.push(target);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(this.run);
  }

  private readonly run = (): void => {
    this.scheduled = false;
    const batch = this.pending;
    this.pending = [];
    for (const target of batch) target.flush();
  };
}
