// mssql: a pool made and closed in one function.
// expect[auto,await-using]: fixed fixed-adapter
// expect[try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
import sql from 'mssql';
import { withSession } from './lib/with-session';

export async function version(config: sql.config): Promise<string> {
  return await withSession(
    () => new sql.ConnectionPool(config).connect(),
    (pool) => pool.close(),
    async (pool) => {
      const result = await pool.request().query('SELECT @@VERSION AS v');
      return result.recordset[0].v;
    }
  );
}
