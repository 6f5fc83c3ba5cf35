// A plain client's end() closes its own session, and PostgreSQL rolls back whatever transaction is still
// open in it: ending it on the failure path too leaves nothing half-done, so the transaction left open by a
// failing statement is no reason to stay away.
// expect[auto,await-using]: fixed fixed-adapter
// expect[try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
import { Client } from 'pg';

export async function addColumn(): Promise<void> {
  const client = new Client();
  await client.connect();
  await using _releaseClient = { [Symbol.asyncDispose]: async () => { await client.end(); } };
  await client.query('BEGIN');
  await client.query('CREATE TEMP TABLE t (id int)');
  await client.query('ALTER TABLE t ADD COLUMN name text');
}
