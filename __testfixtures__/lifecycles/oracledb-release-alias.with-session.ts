// oracledb's release() is close() under another name: a release like any other (native `await using` in
// oracledb >= 7, which disposes with close()).
// expect[auto,await-using]: fixed fixed-native
// expect[try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
import oracledb from 'oracledb';
import { withSession } from './lib/with-session';

export async function countOrders(pool: oracledb.Pool): Promise<number> {
  return await withSession(
    () => pool.getConnection(),
    (connection) => connection.release(),
    async (connection) => {
      const result = await connection.execute<[number]>('SELECT count(*) FROM orders');
      return result.rows?.[0]?.[0] ?? 0;
    }
  );
}
