// redis: `createClient().connect()` acquires; close() waits for pending commands.
// expect[auto,await-using]: fixed fixed-adapter
// expect[try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
import { createClient } from 'redis';
import { withSession } from './lib/with-session';

export async function ping(url: string): Promise<string> {
  return await withSession(
    () => createClient({ url }).connect(),
    (client) => client.close(),
    async (client) => {
      const pong = await client.ping();
      return pong;
    }
  );
}
