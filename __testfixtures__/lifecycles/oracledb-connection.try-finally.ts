// oracledb >= 7.0 disposes a connection with close(): native.
// expect[auto,await-using]: fixed fixed-native
// expect[try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
import oracledb from 'oracledb';

export async function serverTime(): Promise<unknown> {
  const connection = await oracledb.getConnection({ user: 'app', password: 'secret', connectString: '127.0.0.1/XEPDB1' });
  try {
    const result = await connection.execute('SELECT SYSDATE FROM DUAL');
    return result.rows;
  } finally {
    await connection.close();
  }
}
