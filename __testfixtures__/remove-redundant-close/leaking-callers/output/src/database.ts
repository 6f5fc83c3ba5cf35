// Database owns its pool, but a disposer alone fixes no leak: without --modernize it stays as written.
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
