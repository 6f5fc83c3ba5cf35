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
}

export function lookup(key: string): string | undefined {
  const cache = new LocalCache();
  const value = cache.get(key);
  cache.close();
  return value;
}
