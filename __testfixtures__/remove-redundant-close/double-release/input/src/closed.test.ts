// Kept: a test that asserts the second close fails (node-oracledb's explicit resource management tests);
// without the explicit close() nothing would reject.
// expect: reported double-release-kept
import assert from 'node:assert';
import oracledb from 'oracledb';

export async function closesTwice(): Promise<void> {
  await assert.rejects(async () => {
    await using conn = await oracledb.getConnection({ user: 'app', password: 'secret', connectString: '127.0.0.1/XEPDB1' });
    await conn.close();
  }, /NJS-003/);
}
