// redis: `createClient().connect()` acquires; close() waits for pending commands.
// expect[auto,await-using]: fixed fixed-adapter
// expect[try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
import { createClient } from 'redis';

export async function ping(url: string): Promise<string> {
  const client = await createClient({ url }).connect();
  try {
    const pong = await client.ping();
    return pong;
  } finally {
    await client.close();
  }
}
