// The finally uses the client before releasing it (RESET ROLE): that order is kept, with the release in a
// disposer that runs after the finally.
// expect[auto,await-using]: fixed fixed-adapter
// expect[try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
import { Pool } from 'pg';

const pool = new Pool();

export async function asTenant(tenant: string): Promise<number> {
  const client = await pool.connect();
  using _releaseClient = { [Symbol.dispose]: () => client.release() };
  await client.query('SET ROLE tenant_' + tenant); // may throw: the client used to leak
  try {
    const res = await client.query('SELECT count(*)::int AS n FROM invoices');
    return res.rows[0].n;
  } finally {
    await client.query('RESET ROLE');
  }
}
