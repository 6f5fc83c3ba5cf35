import type { RedisOptions } from 'ioredis';
import { run } from '../run';

export const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

// Named so the harness finds this run's connections in CLIENT LIST; no reconnects, so a killed leak stays dead.
export const redisOptions: RedisOptions = {
  connectionName: run.tag,
  retryStrategy: () => null,
  connectTimeout: run.acquireTimeoutMs * 10,
};
