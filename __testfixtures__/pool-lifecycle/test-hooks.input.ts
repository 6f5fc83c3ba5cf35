// Test setup and teardown: the afterAll hook ends the pool once for the whole suite and stays.
import { Pool } from 'pg';

declare function beforeAll(fn: () => Promise<void>): void;
declare function afterAll(fn: () => Promise<void>): void;

const pool = new Pool();

beforeAll(async () => {
  await pool.query('CREATE TEMP TABLE t (id int)');
});

afterAll(async () => {
  await pool.end();
});
