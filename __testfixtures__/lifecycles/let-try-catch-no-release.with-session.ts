// `let con; try { con = await acquire(); …; con.release(); return data } catch { log; return null }`: a
// failing query skips the release and the catch never makes up for it.
// expect[auto,await-using]: fixed fixed-adapter
// expect[try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
import { Pool, PoolClient } from 'pg';
import { withSession } from './lib/with-session';

const pool = new Pool();

export async function continents(): Promise<unknown[] | null> {
  try {
    return await withSession(() => pool.connect(), (con) => con.release(), async (con) => {
      const data = await con.query('SELECT * FROM continent');
      console.log(data.rowCount);
      return data.rows;
    });
  } catch (err) {
    console.error(err);
    return null;
  }
}
