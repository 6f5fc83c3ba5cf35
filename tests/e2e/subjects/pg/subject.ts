// Leaky pg lifecycles: each releases its client only on the paths its author thought of.
import { pool } from './pool';
import { run } from '../run';
import { failAt, sqlAt } from '../faults';

// Linear: the release is skipped when the query fails or anything throws before it.
export async function linear(n: number, fault: string): Promise<number> {
  const client = await pool.connect();
  failAt(fault, 'after-acquire');
  const res = await client.query(sqlAt(fault, 'query', 'SELECT $1::int * 2 AS v'), [n]);
  client.release();
  return res.rows[0].v;
}

// Released in the catch (which rethrows) and again after the try: a throw between the two is missed.
export async function catchAndAfter(n: number, fault: string): Promise<number> {
  const client = await pool.connect();
  let v: number;
  try {
    const res = await client.query(sqlAt(fault, 'query', 'SELECT $1::int + 1 AS v'), [n]);
    v = res.rows[0].v;
  } catch (err) {
    client.release();
    throw err;
  }
  failAt(fault, 'after-try');
  client.release();
  return v;
}

// Transaction: the catch rolls back and releases; the read after COMMIT can fail with the client held.
export async function transaction(id: number, fault: string): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`INSERT INTO ${run.table} (id, step) VALUES ($1, 'first')`, [id]);
    failAt(fault, 'in-transaction');
    await client.query(sqlAt(fault, 'in-transaction', `INSERT INTO ${run.table} (id, step) VALUES ($1, 'second')`), [id]);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    client.release();
    throw err;
  }
  const res = await client.query(sqlAt(fault, 'after-commit', `SELECT count(*)::int AS n FROM ${run.table} WHERE id = $1`), [id]);
  client.release();
  return res.rows[0].n;
}

// Early return: that path releases, the failures on the long path do not.
export async function earlyReturn(n: number, fault: string): Promise<number | null> {
  const client = await pool.connect();
  const first = await client.query(sqlAt(fault, 'first', 'SELECT $1::int AS v'), [n]);
  if (first.rows[0].v < 0) {
    client.release();
    return null;
  }
  failAt(fault, 'before-second');
  const second = await client.query(sqlAt(fault, 'second', 'SELECT $1::int * 10 AS v'), [n]);
  client.release();
  return second.rows[0].v;
}
