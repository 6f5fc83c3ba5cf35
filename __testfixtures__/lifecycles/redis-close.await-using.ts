// redis: `createClient().connect()` acquires; close() waits for pending commands.
// expect[auto,await-using]: fixed fixed-adapter
// expect[try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
import { createClient } from 'redis';

export async function ping(url: string): Promise<string> {
  const client = await createClient({ url }).connect();
  await using _releaseClient = { [Symbol.asyncDispose]: async () => { await client.close(); } };
  const pong = await client.ping();
  return pong;
}
