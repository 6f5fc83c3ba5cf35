// A lifecycle per loop iteration, nested inside an outer lifecycle.
// expect[auto,await-using]: fixed fixed-adapter
// expect[auto,await-using]: fixed fixed-adapter
// expect[try-finally]: fixed fixed-try-finally
// expect[try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
// expect[with-session]: fixed fixed-with-session
import { Pool } from 'pg';
import { withSession } from './lib/with-session';

const pool = new Pool();

export async function refreshAll(ids: number[]): Promise<void> {
  await withSession(() => pool.connect(), (audit) => audit.release(), async (audit) => {
    for (const id of ids) {
      await withSession(() => pool.connect(), (client) => client.release(), async (client) => {
        await client.query('REFRESH MATERIALIZED VIEW CONCURRENTLY report_$1', [id]);
      });
      await audit.query('INSERT INTO audit (what) VALUES ($1)', [`refreshed ${id}`]);
    }
  });
}
