// expect: reported release-voided
// `void pool.close()` in the connect step's catch lets that close run without waiting for it; the other
// paths wait. One release for every path cannot keep that difference, so it is reported, and as what it
// is: the result of close() is thrown away, not used (n8n's Microsoft SQL node).
import * as mssql from 'mssql';

export async function run(config: mssql.config, text: () => string): Promise<unknown[]> {
  const pool = new mssql.ConnectionPool(config);
  try {
    await pool.connect();
  } catch (error) {
    void pool.close();
    throw error;
  }
  const result = await pool.request().query(text());
  await pool.close();
  return result.recordset;
}
