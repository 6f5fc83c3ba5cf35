// A connection used after its one release (node-oracledb's tests check that a closed connection fails): the
// work ends at the release; a try/finally keeps the later use after it. A `using` declaration or a callback
// would keep the connection open for that use, so those styles report it.
// expect[auto,try-finally]: fixed fixed-try-finally
// expect[await-using,with-session]: reported used-after-release
import assert from 'node:assert';
import oracledb from 'oracledb';

export async function closedFails(config: oracledb.ConnectionAttributes): Promise<void> {
  const connection = await oracledb.getConnection(config);
  assert.ok(connection.isHealthy());
  await connection.close();
  await assert.rejects(async () => {
    await connection.execute('SELECT 1 FROM DUAL');
  }, /NJS-003:/);
}
