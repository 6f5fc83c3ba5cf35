// Kept as written: the pool is made by open(), not by the constructor. `new Store()` holds nothing, so it is
// no acquire, and the class is no resource (pg-boss's Db: close() on a Store never opened throws).
import { Pool } from 'pg';

export class Store {
  private pool!: Pool;

  async open(): Promise<void> {
    this.pool = new Pool();
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  async count(): Promise<number> {
    const res = await this.pool.query('SELECT count(*) FROM t');
    return Number(res.rows[0].count);
  }
}

export async function countRows(log: (s: string) => void): Promise<number> {
  const store = new Store();
  log('counting');
  try {
    await store.open();
    return await store.count();
  } finally {
    await store.close();
  }
}

// The same when the constructor only schedules it: the callback fills the field later, not construction.
export class Deferred {
  private pool!: Pool;

  constructor(ready: { once(event: string, listener: () => void): void }) {
    ready.once(
      'ready',
      function (this: Deferred) {
        this.pool = new Pool();
      }.bind(this),
    );
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

export async function useDeferred(ready: { once(event: string, listener: () => void): void }, log: (s: string) => void): Promise<void> {
  const deferred = new Deferred(ready);
  log('waiting');
  try {
    await Promise.resolve();
  } finally {
    await deferred.close();
  }
}
