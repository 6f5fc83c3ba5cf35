// The pool is closed by a SIGTERM handler of the same file, so removing the per-call teardown needs no report.
// The handler's own teardown stays: that is how the process lets go of the pool.
// expect: fixed fixed-teardown-removed
import { Pool } from 'pg';

const pool = new Pool({ max: 10 });

export async function countOrders(): Promise<number> {
  const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM orders');
  await pool.end();
  return rows[0].n;
}

process.on('SIGTERM', async () => {
  await pool.end();
  process.exit(0);
});
