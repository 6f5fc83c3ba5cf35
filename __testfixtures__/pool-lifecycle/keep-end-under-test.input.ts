// end() is the behaviour under test: a pool that has ended refuses queries. Test code keeps its teardowns.
import assert from 'node:assert';
import { Pool } from 'pg';

declare function test(name: string, fn: () => Promise<void>): void;

const pool = new Pool();

test('a pool refuses queries after end()', async () => {
  await pool.query('SELECT 1');
  await pool.end();
  await assert.rejects(pool.query('SELECT 1'), /after calling end/);
});
