// The project's own data layer: callers never see `pool.connect()`, only this wrapper.
import { Pool, type PoolClient } from 'pg';
import mysql from 'mysql2/promise';

const pool = new Pool({ max: 5 });
export const warehouse = mysql.createPool({ host: '127.0.0.1', user: 'root', database: 'test' });

export async function getClient(): Promise<PoolClient> {
  const client = await pool.connect();
  await client.query("SET application_name = 'typed-service'");
  return client;
}

/** A lock whose API looks like a pool's. */
export interface Lock {
  release(): void;
}

export interface LockPool {
  connect(): Promise<Lock>;
}
