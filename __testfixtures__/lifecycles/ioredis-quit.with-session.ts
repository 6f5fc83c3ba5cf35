// ioredis: quit() is asynchronous and awaited, so the disposer is asynchronous.
// expect[auto,await-using]: fixed fixed-adapter
// expect[try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
import Redis from 'ioredis';
import { withSession } from './lib/with-session';

export async function flushCache(prefix: string): Promise<number> {
  return await withSession(
    () => new Redis({ host: '127.0.0.1', port: 6379 }),
    (redis) => redis.quit(),
    async (redis) => {
      const keys = await redis.keys(`${prefix}*`);
      const removed = keys.length ? await redis.del(...keys) : 0;
      return removed;
    }
  );
}
