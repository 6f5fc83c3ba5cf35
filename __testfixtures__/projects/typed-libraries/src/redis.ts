// node-redis: createClient by name and through the default export, connected in a chain.
import redis, { createClient } from 'redis';

export async function ping(): Promise<string> {
  const client = await createClient().connect();
  const pong = await client.ping();
  await client.quit();
  return pong;
}

export async function size(): Promise<number> {
  const client = await redis.createClient().connect();
  const n = await client.dbSize();
  await client.close();
  return n;
}
