// Multi-line SQL in template literals keeps its exact text when the code moves into the try block; a
// release right after the acquire has nothing before it that could skip it: left as written.
// expect[auto,await-using]: fixed fixed-adapter
// expect[try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
import { Pool } from 'pg';

const pool = new Pool();

export async function report(day: string) {
  const client = await pool.connect();
  const res = await client.query(`SELECT name,
       total
  FROM daily
 WHERE day = $1`, [day]);
  client.release();
  return res.rows;
}

export async function available(): Promise<boolean> {
  const client = await pool.connect();
  client.release();
  console.log(`connected
to the pool`);
  return true;
}
