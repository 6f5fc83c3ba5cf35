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
  await using _releaseClient = { [Symbol.asyncDispose]: async () => { await client.quit(); } };
  const pong = await client.ping();
  return pong;
}

export async function byDefault(key: string): Promise<string | null> {
  const client = redis.createClient();
  await client.connect();
  await using _releaseClient = { [Symbol.asyncDispose]: async () => { await client.close(); } };
  const value = await client.get(key);
  return value;
}

export async function byNamespace(): Promise<number> {
  const client = await redisNs.createClient().connect();
  await using _releaseClient = { [Symbol.asyncDispose]: async () => { await client.close(); } };
  const size = await client.dbSize();
  return size;
}

export async function destructured(key: string): Promise<void> {
  const client = create();
  await client.connect();
  await using _releaseClient = { [Symbol.asyncDispose]: async () => { await client.quit(); } };
  await client.del(key);
}
