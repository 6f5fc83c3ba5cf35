// expect: reported unsupported-position
// A `let` given its value once, after its declaration and outside a try: not "reassigned" (it is not), but
// a shape a `using` declaration cannot take in place, said as such.
import { Pool, type PoolClient } from 'pg';

const pool = new Pool();

export async function names(): Promise<string[]> {
  let client: PoolClient;
  console.log('connecting');
  client = await pool.connect();
  const res = await client.query<{ name: string }>('SELECT name FROM users');
  client.release();
  return res.rows.map((r) => r.name);
}
