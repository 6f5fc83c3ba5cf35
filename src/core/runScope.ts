// Values that live for one run of the runner and no longer: a transform called on its own (its `apply`, the
// jscodeshift wrapper) gets a fresh value each time, exactly as before; inside a run (every file of a run, in
// one thread) it gets the same one. Files do not change on disk during a run (writes come after every
// transform), so what is read from disk once holds for the whole run.

export class RunScope {
  private readonly values = new Map<string, unknown>();

  get<T>(key: string, make: () => T): T {
    if (!this.values.has(key)) this.values.set(key, make());
    return this.values.get(key) as T;
  }

  /** Between two files: values with a budget shed what they hold beyond it (never during a file). */
  settle(): void {
    for (const v of this.values.values()) (v as { settle?: () => void }).settle?.();
  }
}

let current: RunScope | null = null;

/** Run `fn` (one file's work) with `scope` as the current run, then let the scope settle. */
export function inRunScope<T>(scope: RunScope, fn: () => T): T {
  const outer = current;
  current = scope;
  try {
    return fn();
  } finally {
    current = outer;
    scope.settle();
  }
}

/** The current run's value under `key` (made on first use), or a fresh one outside a run. */
export function runScoped<T>(key: string, make: () => T): T {
  return current ? current.get(key, make) : make();
}
