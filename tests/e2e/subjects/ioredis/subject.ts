// Leaky ioredis lifecycles: a client per call, quit only on the paths its author thought of.
import Redis from 'ioredis';
import { redisOptions, redisUrl } from './client';
import { run } from '../run';
import { failAt, keyAt } from '../faults';

// Linear: the quit is skipped when a command fails or anything throws before it.
export async function linear(n: number, fault: string): Promise<string | null> {
  const redis = new Redis(redisUrl, redisOptions);
  failAt(fault, 'after-acquire');
  const key = `${run.prefix}:linear:${n}`;
  await redis.set(key, String(n * 2));
  const v = await redis.get(keyAt(fault, 'query', key));
  await redis.quit();
  return v;
}

// Quit in the catch (which rethrows) and again after the try: a throw between the two is missed.
export async function catchAndAfter(n: number, fault: string): Promise<string | null> {
  const redis = new Redis(redisUrl, redisOptions);
  let v: string | null;
  try {
    const key = `${run.prefix}:after:${n}`;
    await redis.set(key, String(n + 1));
    v = await redis.get(keyAt(fault, 'query', key));
  } catch (err) {
    await redis.quit();
    throw err;
  }
  failAt(fault, 'after-try');
  await redis.quit();
  return v;
}

// MULTI/EXEC: nothing is applied unless exec runs; the read after it can fail with the client open.
export async function transaction(id: number, fault: string): Promise<string | null> {
  const redis = new Redis(redisUrl, redisOptions);
  const key = `${run.prefix}:tx:${id}`;
  try {
    const tx = redis.multi();
    tx.set(`${key}:first`, 'first');
    failAt(fault, 'in-transaction');
    tx.set(`${key}:second`, 'second');
    await tx.exec();
  } catch (err) {
    await redis.quit();
    throw err;
  }
  const first = await redis.get(keyAt(fault, 'after-commit', `${key}:first`));
  await redis.quit();
  return first;
}

// Early return: that path quits, the failures on the long path do not.
export async function earlyReturn(n: number, fault: string): Promise<string | null> {
  const redis = new Redis(redisUrl, redisOptions);
  const key = `${run.prefix}:early:${n}`;
  await redis.set(key, String(n));
  const first = await redis.get(keyAt(fault, 'first', key));
  if (Number(first) < 0) {
    await redis.quit();
    return null;
  }
  failAt(fault, 'before-second');
  const second = await redis.append(keyAt(fault, 'second', key), '0');
  await redis.quit();
  return `${first}:${second}`;
}
