// expect: reported begin-on-pool
// expect: reported begin-on-pool
// expect: reported begin-on-pool
// expect: reported begin-on-pool
// BEGIN through a pool: each query may run on another connection, so the transaction covers nothing and
// the connection that began it goes back to the pool mid-transaction. Reported with where it belongs.
import { Pool } from 'pg';
import knex from 'knex';
import postgres from 'postgres';
import { Sequelize } from 'sequelize';

const pool = new Pool();
const db = knex({ client: 'pg' });
const sql = postgres('postgres://postgres@127.0.0.1/test');
const sequelize = new Sequelize('postgres://postgres@127.0.0.1/test');

export async function transfer(from: number, to: number, amount: number): Promise<void> {
  await pool.query('BEGIN');
  await pool.query('UPDATE accounts SET balance = balance - $1 WHERE id = $2', [amount, from]);
  await pool.query('UPDATE accounts SET balance = balance + $1 WHERE id = $2', [amount, to]);
  await pool.query('COMMIT');
}

export async function archive(id: number): Promise<void> {
  await db.raw('BEGIN');
  await db('archive').insert(db('orders').where({ id }));
  await db.raw('COMMIT');
}

export async function touch(id: number): Promise<void> {
  await sql`BEGIN`;
  await sql`UPDATE orders SET touched = now() WHERE id = ${id}`;
  await sql`COMMIT`;
}

// The whole transaction in one query runs on one connection: not reported.
export async function resetCounters(): Promise<void> {
  await pool.query('BEGIN; UPDATE counters SET n = 0; COMMIT;');
}

export async function purge(): Promise<void> {
  await sequelize.query('START TRANSACTION');
  await sequelize.query('DELETE FROM sessions');
  await sequelize.query('COMMIT');
}
