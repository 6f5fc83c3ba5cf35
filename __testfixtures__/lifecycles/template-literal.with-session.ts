// Multi-line SQL keeps its exact text when a try dissolves around it or a block bounds it.
// expect[auto,await-using]: fixed fixed-adapter
// expect[try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
import { Pool } from 'pg';
import { withSession } from './lib/with-session';

const pool = new Pool();
declare function audit(what: string): Promise<void>;

export async function report(day: string) {
  const client = await pool.connect();
  try {
    const res = await client.query(`SELECT name,
       total
  FROM daily
 WHERE day = $1`, [day]);
    return res.rows;
  } finally {
    client.release();
  }
}

export async function purge(day: string): Promise<void> {
  await withSession(() => pool.connect(), (client) => client.release(), async (client) => {
    await client.query(`DELETE
  FROM daily
 WHERE day = $1`, [day]);
  });
  await audit(`purged
${day}`);
}
