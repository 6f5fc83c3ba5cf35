#!/usr/bin/env node
// A command-line tool (it starts with a #! line): everything it does runs once, and ending the pool is how
// the process gets to exit. The end() stays.
import { Pool } from 'pg';

const pool = new Pool();

export async function report(): Promise<void> {
  const { rows } = await pool.query('SELECT status, count(*) FROM orders GROUP BY status');
  console.table(rows);
  await pool.end();
}
