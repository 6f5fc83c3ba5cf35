// redis: `createClient().connect()` acquires; close() waits for pending commands.
import { createClient } from 'redis';

export async function ping(url: string): Promise<string> {
  const client = await createClient({ url }).connect();
  const pong = await client.ping();
  await client.close();
  return pong;
}
