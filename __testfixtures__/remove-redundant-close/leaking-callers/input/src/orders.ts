// Left alone: the pool is handed in, so the class does not own it, and ending it is not its own resource
// to dispose of (making it disposable would end a shared pool at the end of a caller's scope).
import type { Pool } from 'pg';

export class OrderRepository {
  constructor(private readonly pool: Pool) {}

  async count(): Promise<number> {
    const res = await this.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM orders');
    return res.rows[0].n;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
