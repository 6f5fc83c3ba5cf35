// node-redis's cluster client and client pool (v5+) are released like its client: close() waits for what
// is pending, destroy() drops it, and nothing opens before connect(). Each released only on the happy path
// is fixed.
// expect[auto,await-using]: fixed fixed-adapter
// expect[auto,await-using]: fixed fixed-adapter
// expect[try-finally]: fixed fixed-try-finally
// expect[try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
// expect[with-session]: fixed fixed-with-session
import { createClientPool, createCluster } from 'redis';

export async function setOnCluster(url: string, key: string, value: string) {
  const cluster = createCluster({ rootNodes: [{ url }] });
  await cluster.connect();
  try {
    await cluster.set(key, value);
  } finally {
    await cluster.close();
  }
}

export async function pushOnPool(key: string, value: string) {
  const pool = createClientPool();
  await pool.connect();
  try {
    await pool.lPush(key, value);
  } finally {
    pool.destroy();
  }
}
