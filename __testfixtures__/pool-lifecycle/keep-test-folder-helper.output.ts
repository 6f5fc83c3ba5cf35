// as: packages/driver/test/row-count.ts
// A helper in a package's test/ folder is test code by where it lives, even without a describe() of its
// own: the suite's own cleanup of its pool stays. (The same text in a library module loses its end().)
import { Pool } from 'pg';

const pool = new Pool();

export async function expectRowCount(table: string, n: number): Promise<void> {
  const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  await pool.end();
  if (rows[0].n !== n) throw new Error(`expected ${n} rows in ${table}, found ${rows[0].n}`);
}
