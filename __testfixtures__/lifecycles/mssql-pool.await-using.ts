// mssql: a pool made and closed in one function.
// expect[auto,await-using]: fixed fixed-adapter
// expect[try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
import sql from 'mssql';

export async function version(config: sql.config): Promise<string> {
  const pool = await new sql.ConnectionPool(config).connect();
  await using _releasePool = { [Symbol.asyncDispose]: async () => { await pool.close(); } };
  const result = await pool.request().query('SELECT @@VERSION AS v');
  return result.recordset[0].v;
}
