// expect: reported context-unknown
// The module's pool is closed by a function the module neither exports nor registers as a handler: who
// calls it, and how often, cannot be told from here. Reported; the call stays.
import { Pool } from 'pg';

const pool = new Pool();

async function refreshTotals(): Promise<void> {
  await pool.query('REFRESH MATERIALIZED VIEW totals');
  await pool.end();
}

export const jobs = [refreshTotals];
