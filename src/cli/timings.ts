// LEAKPROOF_TIMINGS=1: where a run's time goes — discovery and reading, each project pass, each transform
// (the wall time it took in each file, summed over files and threads: on a busy machine that includes waiting
// for a core), and the slowest files. Printed on stderr only.

export class Timings {
  private readonly phases: [string, number][] = [];
  private readonly transforms = new Map<string, { ms: number; files: number }>();
  private readonly slowest: { rel: string; ms: number }[] = [];

  /** Time `fn` as one phase of the run. */
  phase<T>(name: string, fn: () => T): T {
    const started = performance.now();
    try {
      return fn();
    } finally {
      this.phases.push([name, performance.now() - started]);
    }
  }

  /** A phase timed by the caller (one that awaits). */
  record(name: string, ms: number): void {
    this.phases.push([name, ms]);
  }

  /** One file's transform times. */
  file(rel: string, times: Record<string, number> | undefined): void {
    if (!times) return;
    let total = 0;
    for (const [name, ms] of Object.entries(times)) {
      const t = this.transforms.get(name) ?? { ms: 0, files: 0 };
      t.ms += ms;
      t.files++;
      this.transforms.set(name, t);
      total += ms;
    }
    this.slowest.push({ rel, ms: total });
  }

  render(): string {
    const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`.padStart(9);
    const lines = ['timings:'];
    for (const [name, ms] of this.phases) lines.push(`  ${s(ms)}  ${name}`);
    for (const [name, t] of this.transforms) lines.push(`  ${s(t.ms)}  transform ${name} (${t.files} files, summed over threads)`);
    const top = [...this.slowest].sort((a, b) => b.ms - a.ms).slice(0, 10);
    if (top.length) lines.push('  slowest files:');
    for (const f of top) lines.push(`  ${s(f.ms)}  ${f.rel}`);
    return `${lines.map((l) => `leakproof: ${l}`).join('\n')}\n`;
  }
}
