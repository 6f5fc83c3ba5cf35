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
import { withSession } from './lib/with-session';
const { createClient: create } = require('redis');

export async function byName(): Promise<string> {
  return await withSession(
    () => createClient().connect(),
    (client) => client.quit(),
    async (client) => {
      const pong = await client.ping();
      return pong;
    }
  );
}

export async function byDefault(key: string): Promise<string | null> {
  return await withSession(async () => {
    const client = redis.createClient();
    await client.connect();
    return client;
  }, (client) => client.close(), async (client) => {
    const value = await client.get(key);
    return value;
  });
}

export async function byNamespace(): Promise<number> {
  return await withSession(
    () => redisNs.createClient().connect(),
    (client) => client.close(),
    async (client) => {
      const size = await client.dbSize();
      return size;
    }
  );
}

export async function destructured(key: string): Promise<void> {
  await withSession(async () => {
    const client = create();
    await client.connect();
    return client;
  }, (client) => client.quit(), async (client) => {
    await client.del(key);
  });
}
