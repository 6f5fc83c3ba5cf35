// `let … = null; try { acquire … } finally { use; release }` is safe as written: the finally's use keeps the
// variable outside the try, so it stays, and nothing is reported.
import { Pool, PoolClient } from 'pg';

const pool = new Pool();

export async function asTenant(tenant: string): Promise<number> {
  let client: PoolClient | null = null;
  try {
    client = await pool.connect();
    await client.query('SET ROLE tenant_' + tenant);
    const res = await client.query('SELECT count(*)::int AS n FROM invoices');
    return res.rows[0].n;
  } finally {
    await client?.query('RESET ROLE');
    client?.release();
  }
}
