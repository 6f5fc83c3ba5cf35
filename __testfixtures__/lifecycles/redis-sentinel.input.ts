// node-redis's createSentinel() (v5+) is a client of its own kind: connected by connect(), released by
// close() (or destroy()), both awaited. Closed only on the happy path, it gets its release on every path.
// expect[auto,await-using]: fixed fixed-adapter
// expect[try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
import { createSentinel } from 'redis';

export async function primaryRole(): Promise<string> {
  const sentinel = await createSentinel({ name: 'mymaster', sentinelRootNodes: [{ host: 'localhost', port: 26379 }] }).connect();
  const role = await sentinel.get('role');
  await sentinel.close();
  return role ?? 'unknown';
}
