import type { RedisClientOptions } from 'redis';
import { run } from '../run';

// Named so the harness finds this run's connections in CLIENT LIST; no reconnects, so a killed leak stays dead.
export const redisOptions: RedisClientOptions = {
  url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  name: run.tag,
  socket: { reconnectStrategy: false, connectTimeout: run.acquireTimeoutMs * 10 },
};
