// Pools made inside a function that the function hands on or keeps, reads in a closure, or never queries, or
// made by code that ends the process, are not reported as never closed: other code may close them, they hold
// no connection, or the process takes them with it. (One closed per call is pool-per-call's: refuse-pool-per-call.)
import { Pool } from 'pg';
import mysql from 'mysql2';
import knex, { type Knex } from 'knex';
import { PrismaClient } from '@prisma/client';

class Store {
  constructor(readonly pool: Pool) {}
}

export function makePool(connectionString: string): Pool {
  const pool = new Pool({ connectionString });
  return pool;
}

export function makeStore(connectionString: string): Store {
  const pool = new Pool({ connectionString });
  return new Store(pool);
}

export function promisePool(uri: string) {
  const pool = mysql.createPool({ uri });
  return pool.promise();
}

export class Service {
  pool: Pool | null = null;
  start(connectionString: string): void {
    const pool = new Pool({ connectionString });
    this.pool = pool;
  }
}

export function queryFn(config: Knex.Config) {
  const db = knex(config);
  return (table: string) => db(table).select();
}

export function unused(connectionString: string): string {
  const pool = new Pool({ connectionString });
  return String(pool.options.max);
}

export async function check(connectionString: string): Promise<void> {
  const pool = new Pool({ connectionString });
  const res = await pool.query('select 1');
  console.log(res.rowCount);
  process.exit(0);
}

export function users() {
  const prisma = new PrismaClient();
  return prisma.user;
}

const shared = new Pool();
export async function total(): Promise<number> {
  const res = await shared.query('select 1 as n');
  return res.rows[0].n;
}

// A closure that outlives the call keeps the pool: a listener another object holds, a function handed out.
export function watch(emitter: import('node:events').EventEmitter): void {
  const pool = new Pool();
  emitter.on('tick', () => {
    pool.query('select 1');
  });
}

export function runner() {
  const pool = new Pool();
  const run = () => {
    pool.query('select 1');
  };
  run();
  return run;
}
