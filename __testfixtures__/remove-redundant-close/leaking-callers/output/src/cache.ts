// Leaks first: without --modernize the class gets no disposer; its leaky caller gets an adapter.
// expect: fixed fixed-adapter
import Sqlite from 'better-sqlite3';

export class LocalCache {
  private readonly db = new Sqlite(':memory:');

  get(key: string): string | undefined {
    const row = this.db.prepare('SELECT value FROM cache WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value;
  }

  close(): void {
    this.db.close();
  }
}

export function lookup(key: string): string | undefined {
  const cache = new LocalCache();
  using _releaseCache = { [Symbol.dispose]: () => cache.close() };
  const value = cache.get(key);
  return value;
}
