// A pool (or pooling client) made inside a function, used there and never closed nor kept: every run leaves
// one behind with its connections open. Reported, never rewritten: making it once per process or closing it
// before the function returns is a decision about its lifetime.
// expect: reported pool-never-closed
// expect: reported pool-never-closed
// expect: reported pool-never-closed
// expect: reported pool-never-closed
import { Pool } from 'pg';
import mysql from 'mysql2/promise';
import knex, { type Knex } from 'knex';

export async function count(connectionString: string): Promise<number> {
  const pool = new Pool({ connectionString });
  const res = await pool.query('select 1 as n');
  return Number(res.rows[0].n);
}

// A route handler that makes its pool per request, inside a try.
export async function GET(): Promise<Response> {
  try {
    const pool = mysql.createPool({ uri: process.env.MYSQL_URL, connectionLimit: 5 });
    const [rows] = await pool.query('select * from leads');
    return new Response(JSON.stringify(rows));
  } catch (error) {
    return new Response(String(error), { status: 500 });
  }
}

// knex is called as a function; its builder chain settles in the await.
export async function users(config: Knex.Config) {
  const db = knex(config);
  const rows = await db('users').select('id');
  return rows;
}

// Callback style: the query is a statement of its own.
export function ping(connectionString: string, done: (ok: boolean) => void): void {
  const pool = new Pool({ connectionString });
  pool.on('error', () => done(false));
  pool.query('select 1', (err) => done(!err));
}
