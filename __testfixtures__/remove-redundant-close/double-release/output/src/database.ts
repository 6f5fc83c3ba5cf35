// Already disposable: `[Symbol.asyncDispose]` calls close(), so a close() after `await using` is a second
// one. (Nothing to change here.)
import { Pool } from 'pg';

export class Database {
  private readonly pool = new Pool();

  async count(table: 'users' | 'orders'): Promise<number> {
    const res = await this.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
    return res.rows[0].n;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
