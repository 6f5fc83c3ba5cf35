// mssql: `sql.connect()` is typed as a ConnectionPool but is the library's global pool: no lifecycle of one call.
import sql from 'mssql';

export async function countUsers(config: sql.config): Promise<number> {
  const pool = await sql.connect(config);
  const result = await pool.request().query('SELECT count(*) AS n FROM users');
  await pool.close();
  return result.recordset[0].n;
}
