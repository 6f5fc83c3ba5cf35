// Leaky mysql2 lifecycles: each releases its connection only on the paths its author thought of.
import type { RowDataPacket } from 'mysql2/promise';
import { pool } from './pool';
import { run } from '../run';
import { failAt, sqlAt } from '../faults';

// Linear: the release is skipped when the query fails or anything throws before it.
export async function linear(n: number, fault: string): Promise<number> {
  const conn = await pool.getConnection();
  failAt(fault, 'after-acquire');
  const [rows] = await conn.query<RowDataPacket[]>(sqlAt(fault, 'query', 'SELECT CAST(? * 2 AS SIGNED) AS v'), [n]);
  conn.release();
  return Number(rows[0].v);
}

// Released in the catch (which rethrows) and again after the try: a throw between the two is missed.
export async function catchAndAfter(n: number, fault: string): Promise<number> {
  const conn = await pool.getConnection();
  let v: number;
  try {
    const [rows] = await conn.query<RowDataPacket[]>(sqlAt(fault, 'query', 'SELECT CAST(? + 1 AS SIGNED) AS v'), [n]);
    v = Number(rows[0].v);
  } catch (err) {
    conn.release();
    throw err;
  }
  failAt(fault, 'after-try');
  conn.release();
  return v;
}

// Transaction: the catch rolls back and releases; the read after COMMIT can fail with the connection held.
export async function transaction(id: number, fault: string): Promise<number> {
  const conn = await pool.getConnection();
  try {
    await conn.beginTransaction();
    await conn.query(`INSERT INTO ${run.table} (id, step) VALUES (?, 'first')`, [id]);
    failAt(fault, 'in-transaction');
    await conn.query(sqlAt(fault, 'in-transaction', `INSERT INTO ${run.table} (id, step) VALUES (?, 'second')`), [id]);
    await conn.commit();
  } catch (err) {
    await conn.rollback();
    conn.release();
    throw err;
  }
  const [rows] = await conn.query<RowDataPacket[]>(sqlAt(fault, 'after-commit', `SELECT COUNT(*) AS n FROM ${run.table} WHERE id = ?`), [id]);
  conn.release();
  return Number(rows[0].n);
}

// Early return: that path releases, the failures on the long path do not.
export async function earlyReturn(n: number, fault: string): Promise<number | null> {
  const conn = await pool.getConnection();
  const [first] = await conn.query<RowDataPacket[]>(sqlAt(fault, 'first', 'SELECT CAST(? AS SIGNED) AS v'), [n]);
  if (Number(first[0].v) < 0) {
    conn.release();
    return null;
  }
  failAt(fault, 'before-second');
  const [second] = await conn.query<RowDataPacket[]>(sqlAt(fault, 'second', 'SELECT CAST(? * 10 AS SIGNED) AS v'), [n]);
  conn.release();
  return Number(second[0].v);
}
