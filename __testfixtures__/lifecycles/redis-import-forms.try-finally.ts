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
  try {
    const pong = await client.ping();
    return pong;
  } finally {
    await client.quit();
  }
}

export async function byDefault(key: string): Promise<string | null> {
  const client = redis.createClient();
  await client.connect();
  try {
    const value = await client.get(key);
    return value;
  } finally {
    await client.close();
  }
}

export async function byNamespace(): Promise<number> {
  const client = await redisNs.createClient().connect();
  try {
    const size = await client.dbSize();
    return size;
  } finally {
    await client.close();
  }
}

export async function destructured(key: string): Promise<void> {
  const client = create();
  await client.connect();
  try {
    await client.del(key);
  } finally {
    await client.quit();
  }
}
