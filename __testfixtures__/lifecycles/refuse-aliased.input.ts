// expect: reported aliased
// A second name for the client: releases through either name cannot be tracked.
import { Pool } from 'pg';

const pool = new Pool();

export async function alias(): Promise<void> {
  const client = await pool.connect();
  const c = client;
  await c.query('SELECT 1');
  client.release();
}
