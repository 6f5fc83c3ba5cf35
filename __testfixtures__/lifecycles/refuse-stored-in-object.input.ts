// expect: reported stored-in-object
// The client goes into a context object that may outlive the function.
import { Pool, type PoolClient } from 'pg';

const pool = new Pool();
export const contexts: { client: PoolClient }[] = [];

export async function track(): Promise<void> {
  const client = await pool.connect();
  contexts.push({ client });
  await client.query('SELECT 1');
  client.release();
}
