// A look-alike: the annotation names pg's Pool first, so the syntactic pass takes `connect()` for a pg
// acquire; the checker sees `PoolClient | Lock`, which is no catalogue resource, and leaves it alone.
import type { Pool } from 'pg';
import type { LockPool } from './db';

export async function withLock(pool: Pool | LockPool, work: () => Promise<void>): Promise<void> {
  const handle = await pool.connect();
  await work();
  handle.release();
}
