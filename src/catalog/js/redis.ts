import type { LibrarySpec } from './types';

// redis v5/v6: close() waits for pending commands, destroy() drops them; quit()/disconnect() are the
// deprecated spellings. ioredis: quit() is graceful (a promise), disconnect() immediate (synchronous).
// Neither has a native disposer.
// `createClient` is declared by @redis/client and re-exported by redis: the checker names either package
// and the `RedisClientType` alias (or, for what `connect()` resolves to, the RedisClient class).
/** close() and destroy(); quit() and disconnect() are their deprecated spellings. */
const CLIENT_RELEASES = [
  { method: 'close', async: true },
  { method: 'quit', async: true },
  { method: 'disconnect', async: true },
  { method: 'destroy', async: false },
];

export const redis: LibrarySpec = {
  library: 'redis',
  packageName: 'redis',
  typePackages: ['@redis/client'],
  modules: {
    redis: {
      exports: { createClient: { factory: 'RedisClient' }, createCluster: { factory: 'RedisCluster' }, createClientPool: { factory: 'RedisClientPool' }, createSentinel: { factory: 'RedisSentinel' } },
      types: { RedisClientType: 'RedisClient', RedisClient: 'RedisClient', RedisClusterType: 'RedisCluster', RedisClientPoolType: 'RedisClientPool', RedisSentinelType: 'RedisSentinel' },
    },
  },
  methods: { 'RedisClient.connect': 'RedisClient', 'RedisCluster.connect': 'RedisCluster', 'RedisClientPool.connect': 'RedisClientPool', 'RedisSentinel.connect': 'RedisSentinel' },
  resources: [
    // node-redis v4+: createClient() opens no socket; commands before connect() reject with ClientClosedError.
    { kind: 'RedisClient', noun: 'client', connect: 'connect', idleUntilConnect: true, release: CLIENT_RELEASES },
    // createCluster() and createClientPool() (v5+, @redis/client lib/cluster and lib/client/pool): like a
    // client, nothing opens before connect(); close() waits for pending commands, destroy() drops them.
    { kind: 'RedisCluster', noun: 'cluster client', connect: 'connect', idleUntilConnect: true, release: CLIENT_RELEASES },
    {
      kind: 'RedisClientPool',
      noun: 'client pool',
      connect: 'connect',
      idleUntilConnect: true,
      release: CLIENT_RELEASES.filter((r) => r.method === 'close' || r.method === 'destroy'),
    },
    // createSentinel() (@redis/client lib/sentinel): connects on connect() as a client does; close() and
    // destroy() both return promises (its declaration file), and there is no quit() or disconnect().
    {
      kind: 'RedisSentinel',
      noun: 'sentinel client',
      connect: 'connect',
      idleUntilConnect: true,
      release: [
        { method: 'close', async: true },
        { method: 'destroy', async: true },
      ],
    },
  ],
};

export const ioredis: LibrarySpec = {
  library: 'ioredis',
  packageName: 'ioredis',
  modules: { ioredis: { exports: { Redis: { class: 'Redis' } }, default: { class: 'Redis' } } },
  methods: {},
  resources: [
    {
      kind: 'Redis',
      noun: 'client',
      release: [
        { method: 'quit', async: true },
        { method: 'disconnect', async: false },
      ],
    },
  ],
};
