// generic-pool's own failure end is destroy(), left unawaited as pool.use() does.
// expect[await-using]: reported transaction-needs-callback
// expect[auto,with-session]: fixed fixed-callback-api
// expect[try-finally]: fixed fixed-try-catch
import { createPool } from 'generic-pool';
import { Client } from 'pg';

declare function connectClient(): Promise<Client>;

const pool = createPool<Client>({ create: connectClient, destroy: async (c) => c.end() });

export async function ping(): Promise<void> {
  const client = await pool.acquire();
  try {
    await client.query('SELECT 1');
    pool.release(client);
  } catch (err) {
    pool.destroy(client);
    throw err;
  }
}
