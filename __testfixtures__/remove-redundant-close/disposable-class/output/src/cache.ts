// A synchronous close(): the class gets `[Symbol.dispose]`, its caller a plain `using`.
// expect: modernized fixed-disposable
// expect: fixed fixed-caller-using
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

  [Symbol.dispose](): void {
    this.close();
  }
}

export function lookup(key: string): string | undefined {
  using cache = new LocalCache();
  const value = cache.get(key);
  return value;
}
