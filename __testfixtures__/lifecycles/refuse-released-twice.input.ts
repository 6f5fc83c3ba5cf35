// Released in the try, then work that can throw, and released again in the catch: a failing send releases
// the client twice today. One release would quietly change that path, so it is reported.
// expect: reported released-twice
import { Pool } from 'pg';

const pool = new Pool();

interface Reply {
  send(body: unknown): void;
  fail(): void;
}

export async function report(reply: Reply): Promise<void> {
  const client = await pool.connect();
  try {
    const res = await client.query('SELECT 1');
    client.release();
    reply.send(res.rows);
  } catch (err) {
    client.release();
    reply.fail();
  }
}
