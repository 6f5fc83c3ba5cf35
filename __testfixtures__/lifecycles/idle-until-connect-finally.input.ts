// A node-redis client opens nothing before connect(): made, given an error listener, then connected inside
// the try whose finally destroys it, it is released on every path. What follows the release in that finally
// moves nowhere: nothing to report (node-redis's own examples). The second client is connected before the
// try, after a call that can throw, and is fixed.
// expect[auto,await-using]: fixed fixed-adapter
// expect[try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
import { createClient } from 'redis';

export async function ping(shutdown: () => Promise<void>) {
  const client = createClient();
  client.on('error', (err) => console.error('Redis client error:', err));
  try {
    await client.connect();
    await client.ping();
  } finally {
    client.destroy();
    await shutdown();
  }
}

export async function get(key: string, audit: (key: string) => Promise<void>) {
  const client = createClient();
  await client.connect();
  await audit(key);
  const value = await client.get(key);
  await client.quit();
  return value;
}
