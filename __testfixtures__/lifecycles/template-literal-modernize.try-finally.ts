// Multi-line SQL keeps its exact text when a try dissolves around it or a block bounds it.
// options: {"modernize":true}
// options: {"modernize":true}
// expect[auto,await-using]: fixed fixed-adapter
// expect[try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
// expect[auto,await-using]: modernized fixed-adapter
// expect[with-session]: modernized fixed-with-session
import { Pool } from 'pg';

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
  const client = await pool.connect();
  try {
    await client.query(`DELETE
  FROM daily
 WHERE day = $1`, [day]);
  } finally {
    client.release();
  }
  await audit(`purged
${day}`);
}
