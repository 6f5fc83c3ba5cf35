// Case 1: the store used to keep one client checked out in `client`. Its methods acquire per call now
// (released in a finally), so close() releases a field that never holds a client any more: the method,
// the field and the reset in the constructor go, with every call of close() in the other files.
// expect: fixed fixed-close-removed
import type { Pool } from 'pg';

export class UserStore {
  constructor(private readonly pool: Pool) {}

  async findName(id: number): Promise<string | undefined> {
    const client = await this.pool.connect();
    try {
      const res = await client.query('SELECT name FROM users WHERE id = $1', [id]);
      return res.rows[0]?.name;
    } finally {
      client.release();
    }
  }
}
