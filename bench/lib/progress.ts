/** Progress for long phases: a live line on a terminal, a line every few seconds in logs and CI. */

const LOG_INTERVAL_MS = 5_000;

export class Progress {
  private label = "";
  private lastLogAt = 0;
  private live = false;

  constructor(
    private readonly out: NodeJS.WriteStream = process.stderr,
    private readonly enabled = true,
  ) {}

  /** Reports `done` of `total` (total 0: unknown) for the current phase. */
  update(label: string, done: number, total = 0, detail = ""): void {
    if (!this.enabled) return;
    const text = `${label}: ${done.toLocaleString("en-US")}${total ? ` / ${total.toLocaleString("en-US")} (${Math.floor((100 * done) / total)}%)` : ""}${detail ? ` ${detail}` : ""}`;
    if (this.out.isTTY) {
      this.out.write(`\r\x1b[2K${text}`);
      this.live = true;
      return;
    }
    const now = Date.now();
    if (label !== this.label || now - this.lastLogAt >= LOG_INTERVAL_MS) {
      this.out.write(`  ${text}\n`);
      this.lastLogAt = now;
    }
    this.label = label;
  }

  /** Ends the live line so the next log starts on a fresh line. */
  clear(): void {
    if (this.live) this.out.write("\r\x1b[2K");
    this.live = false;
    this.label = "";
  }

  log(message: string): void {
    this.clear();
    if (this.enabled) this.out.write(`${message}\n`);
  }
}
