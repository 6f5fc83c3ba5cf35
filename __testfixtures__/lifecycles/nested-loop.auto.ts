// A lifecycle per loop iteration, nested inside an outer lifecycle.
// expect[auto,await-using]: fixed fixed-adapter
// expect[auto,await-using]: fixed fixed-adapter
// expect[try-finally]: fixed fixed-try-finally
// expect[try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
// expect[with-session]: fixed fixed-with-session
import { Pool } from 'pg';

const pool = new Pool();

export async function refreshAll(ids: number[]): Promise<void> {
  const audit = await pool.connect();
  using _releaseAudit = { [Symbol.dispose]: () => audit.release() };
  for (const id of ids) {
    {
      const client = await pool.connect();
      using _releaseClient = { [Symbol.dispose]: () => client.release() };
      await client.query('REFRESH MATERIALIZED VIEW CONCURRENTLY report_$1', [id]);
    }
    await audit.query('INSERT INTO audit (what) VALUES ($1)', [`refreshed ${id}`]);
  }
}
