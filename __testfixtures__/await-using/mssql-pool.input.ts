// mssql: a pool made and closed in one function.
import sql from 'mssql';

export async function version(config: sql.config): Promise<string> {
  const pool = await new sql.ConnectionPool(config).connect();
  const result = await pool.request().query('SELECT @@VERSION AS v');
  await pool.close();
  return result.recordset[0].v;
}
