// The progress bar of a long run, on a terminal's stderr.

/**
 * A one-line bar on a terminal's stderr, only for runs long enough to want one: more than 200 files, or
 * still going after a second. Cleared when done so the summary lands on a clean line.
 */
export class Progress {
  private readonly started = Date.now();
  private lastDraw = 0;
  private drawn = false;
  private count = 0;

  constructor(
    private readonly stream: { write(s: string): unknown } | null,
    private total: number,
  ) {}

  /** Files a pass brought back join the count. */
  grow(n: number): void {
    this.total += n;
  }

  tick(): void {
    this.count++;
    if (!this.stream) return;
    const now = Date.now();
    if (this.total <= 200 && now - this.started < 1000) return;
    if (now - this.lastDraw < 100 && this.count < this.total) return;
    this.lastDraw = now;
    const width = 30;
    const filled = Math.round((this.count / Math.max(1, this.total)) * width);
    this.stream.write(`\r\u001b[Kleakproof [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${this.count}/${this.total} files`);
    this.drawn = true;
  }

  done(): void {
    if (this.drawn && this.stream) this.stream.write('\r\u001b[K');
  }
}
