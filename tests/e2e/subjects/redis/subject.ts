// Leaky node-redis lifecycles: a client per call, closed only on the paths its author thought of.
import { createClient } from 'redis';
import { redisOptions } from './client';
import { run } from '../run';
import { failAt, keyAt } from '../faults';

// Linear: the close is skipped when a command fails or anything throws before it.
export async function linear(n: number, fault: string): Promise<string | null> {
  const client = await createClient(redisOptions).connect();
  failAt(fault, 'after-acquire');
  const key = `${run.prefix}:linear:${n}`;
  await client.set(key, String(n * 2));
  const v = await client.get(keyAt(fault, 'query', key));
  await client.close();
  return v;
}

// Closed in the catch (which rethrows) and again after the try: a throw between the two is missed.
export async function catchAndAfter(n: number, fault: string): Promise<string | null> {
  const client = await createClient(redisOptions).connect();
  let v: string | null;
  try {
    const key = `${run.prefix}:after:${n}`;
    await client.set(key, String(n + 1));
    v = await client.get(keyAt(fault, 'query', key));
  } catch (err) {
    await client.close();
    throw err;
  }
  failAt(fault, 'after-try');
  await client.close();
  return v;
}

// MULTI/EXEC: nothing is applied unless exec runs; the read after it can fail with the client open.
export async function transaction(id: number, fault: string): Promise<string | null> {
  const client = await createClient(redisOptions).connect();
  const key = `${run.prefix}:tx:${id}`;
  try {
    const tx = client.multi();
    tx.set(`${key}:first`, 'first');
    failAt(fault, 'in-transaction');
    tx.set(`${key}:second`, 'second');
    await tx.exec();
  } catch (err) {
    await client.close();
    throw err;
  }
  const first = await client.get(keyAt(fault, 'after-commit', `${key}:first`));
  await client.close();
  return first;
}

// Early return: that path closes, the failures on the long path do not.
export async function earlyReturn(n: number, fault: string): Promise<string | null> {
  const client = await createClient(redisOptions).connect();
  const key = `${run.prefix}:early:${n}`;
  await client.set(key, String(n));
  const first = await client.get(keyAt(fault, 'first', key));
  if (Number(first) < 0) {
    await client.close();
    return null;
  }
  failAt(fault, 'before-second');
  const second = await client.append(keyAt(fault, 'second', key), '0');
  await client.close();
  return `${first}:${second}`;
}
