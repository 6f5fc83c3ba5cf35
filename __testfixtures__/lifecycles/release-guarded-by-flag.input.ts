// Released early on one path, and the finally releases only when that has not happened (a flag, or the
// variable cleared): one release per path, never twice. (The flag's conditional release is reported as such.)
// expect: reported released-conditionally
import { Pool, type PoolClient } from 'pg';

const pool = new Pool();

export async function firstName(id: number): Promise<string | null> {
  const client = await pool.connect();
  let released = false;
  try {
    const res = await client.query('SELECT name FROM users WHERE id = $1', [id]);
    if (res.rowCount === 0) {
      client.release();
      released = true;
      return null;
    }
    return res.rows[0].name;
  } finally {
    if (!released) client.release();
  }
}

export async function lastName(id: number): Promise<string | null> {
  let client: PoolClient | null = await pool.connect();
  try {
    const res = await client.query('SELECT name FROM users WHERE id = $1', [id]);
    if (res.rowCount === 0) {
      client.release();
      client = null;
      return null;
    }
    return res.rows[0].name;
  } finally {
    if (client) client.release();
  }
}
