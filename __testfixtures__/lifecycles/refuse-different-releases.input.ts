// expect: reported different-releases
// quit() on one path and disconnect() on another: one disposer cannot be both.
import Redis from 'ioredis';

export async function probe(fast: boolean): Promise<string> {
  const redis = new Redis();
  const pong = await redis.ping();
  if (fast) {
    redis.disconnect();
    return pong;
  }
  await redis.quit();
  return pong;
}
