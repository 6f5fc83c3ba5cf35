// A separate connect step: the disposer starts after it, so a failed connect is not followed by close(),
// whose "client is closed" error would hide the real one.
// expect[auto,await-using]: fixed fixed-adapter
// expect[try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
import { createClient } from 'redis';

export async function counter(url: string, key: string): Promise<number> {
  const client = createClient({ url });
  client.on('error', (err) => console.error('redis', err));
  await client.connect();
  const n = await client.incr(key);
  await client.close();
  return n;
}
