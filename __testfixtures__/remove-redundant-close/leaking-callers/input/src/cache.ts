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
  const value = cache.get(key);
  cache.close();
  return value;
}
