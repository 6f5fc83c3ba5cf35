// expect: reported single-connection
// A module-level pg Client is one connection, not a pool. Ending it in an exported function breaks every
// later call ("Client was closed and is not queryable"), but removing end() is not the fix: it is reported.
import { Client } from 'pg';

const client = new Client();
const ready = client.connect();

export async function countUsers(): Promise<number> {
  await ready;
  const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
  await client.end();
  return rows[0].n;
}
