// expect: reported released-in-other-function
// Released through a local helper function: the release is in an ordinary function, not a callback, and
// that is what the finding says. A client closed by a SIGTERM handler lives as long as the process: not a
// lifecycle at all, so no finding.
import { Client, Pool } from 'pg';

const pool = new Pool();

export async function countUsers(): Promise<number> {
  const client = await pool.connect();
  function done(): void {
    client.release();
  }
  const res = await client.query('SELECT count(*)::int AS n FROM users');
  done();
  return res.rows[0].n;
}

export async function listen(): Promise<Client> {
  const listener = new Client();
  await listener.connect();
  await listener.query('LISTEN jobs');
  process.once('SIGTERM', () => {
    void listener.end();
  });
  return listener;
}
