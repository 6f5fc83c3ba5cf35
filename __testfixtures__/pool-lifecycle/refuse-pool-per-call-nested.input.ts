// A pool made and ended by a method of an object that a function returns, or by a callback, is made anew each
// time that method or callback runs, as in a function of the module's own: reported (and its end() is not
// reached when a query throws).
// expect: reported pool-per-call
// expect: reported pool-per-call
import { Pool, type PoolConfig } from 'pg';

export function init(config: PoolConfig) {
  return {
    async query(sql: string) {
      try {
        const pool = new Pool(config);
        const res = await pool.query(sql);
        await pool.end();
        return { data: res.rows, error: null };
      } catch (error) {
        return { data: null, error };
      }
    },
  };
}

export function everyTable(config: PoolConfig, tables: string[]) {
  return Promise.all(
    tables.map(async (table) => {
      const pool = new Pool(config);
      const { rows } = await pool.query(`select count(*) from ${table}`);
      await pool.end();
      return rows[0];
    }),
  );
}
