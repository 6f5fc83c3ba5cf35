// Case 2: Database makes its own pool and close() ends it, so the class owns a long-lived resource. It
// becomes disposable; close() stays, since a caller (server.ts) still calls it.
// expect: modernized fixed-disposable
import { Pool, type QueryResultRow } from 'pg';

export class Database {
  private readonly pool = new Pool({ max: 4 });

  async query<T extends QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
    const res = await this.pool.query<T>(sql, params);
    return res.rows;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
