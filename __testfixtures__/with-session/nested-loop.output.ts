// options: {"helperImport": "./lib/with-session"}
// A lifecycle per loop iteration, nested inside an outer lifecycle.
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
