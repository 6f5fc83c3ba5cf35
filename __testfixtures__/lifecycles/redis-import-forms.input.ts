// node-redis: `createClient` imported by name, through the default export or a namespace, and destructured
// from `require`: the same client either way.
// expect[auto,await-using]: fixed fixed-adapter
// expect[auto,await-using]: fixed fixed-adapter
// expect[auto,await-using]: fixed fixed-adapter
// expect[auto,await-using]: fixed fixed-adapter
// expect[try-finally]: fixed fixed-try-finally
// expect[try-finally]: fixed fixed-try-finally
// expect[try-finally]: fixed fixed-try-finally
// expect[try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
// expect[with-session]: fixed fixed-with-session
// expect[with-session]: fixed fixed-with-session
// expect[with-session]: fixed fixed-with-session
import redis, { createClient } from 'redis';
import * as redisNs from 'redis';
const { createClient: create } = require('redis');

export async function byName(): Promise<string> {
  const client = await createClient().connect();
  const pong = await client.ping();
  await client.quit();
  return pong;
}

export async function byDefault(key: string): Promise<string | null> {
  const client = redis.createClient();
  await client.connect();
  const value = await client.get(key);
  await client.close();
  return value;
}

export async function byNamespace(): Promise<number> {
  const client = await redisNs.createClient().connect();
  const size = await client.dbSize();
  await client.close();
  return size;
}

export async function destructured(key: string): Promise<void> {
  const client = create();
  await client.connect();
  await client.del(key);
  await client.quit();
}
