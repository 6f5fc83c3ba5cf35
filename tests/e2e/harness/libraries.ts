// One adapter per library under test: how to reach its server as an administrator (tables, keys, the
// server's own view of connections), how to load a fresh copy of a variant's subject, how to read its pool,
// and how to clean up whatever a leaky run left behind.
import * as path from 'node:path';
import { Client as PgClient } from 'pg';
import mysql from 'mysql2/promise';
import Redis from 'ioredis';
import * as redisModule from 'redis';
import type { ModuleGraph } from './loader';
import { mysqlSettings, pgSettings, redisUrl, type ServerName } from './servers';

export type SubjectFn = (arg: number, fault: string) => Promise<unknown>;

export interface RunSettings {
  tag: string;
  table: string;
  prefix: string;
  acquireTimeoutMs: number;
}

export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
  /** Connections (or clients) handed out and not given back. */
  checkedOut: number;
}

/** One load of a subject: its own pool (or client factory) and the functions to call. */
export interface Instance {
  tag: string;
  subject: Record<string, SubjectFn>;
  stats(): PoolStats;
  /** Connections of this instance the server sees right now. */
  serverConnections(): Promise<number>;
  /** End everything, leaked connections included. */
  destroy(): Promise<void>;
}

export type GraphFactory = (overrides: Map<string, unknown>) => ModuleGraph;

export interface Admin {
  open(variantDir: string, makeGraph: GraphFactory): Instance;
  /** Transaction id → rows (or keys) it left behind. */
  effects(ids: number[]): Promise<Map<number, number>>;
  close(): Promise<void>;
}

export interface Library {
  name: string;
  server: ServerName;
  /** A pool of `max` connections (else a client per call). */
  pool: { max: number } | null;
  /** The acquire expression in the subject: one per lifecycle. */
  acquire: RegExp;
  /** The error an exhausted pool gives a caller that waited too long. */
  isExhausted(error: unknown): boolean;
  connect(runId: string): Promise<Admin>;
}

export const ACQUIRE_TIMEOUT_MS = 500;
export const POOL_MAX = 2;

const errorText = (e: unknown): string => (e instanceof Error ? `${(e as { code?: string }).code ?? ''} ${e.message}` : String(e));

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** Names unique to this run and library; `tag` (pg application_name, Redis client name) unique per load. */
function settingsFor(runId: string, lib: string, counter: { n: number }): RunSettings {
  counter.n += 1;
  return {
    tag: `lp-e2e-${runId}-${lib}-${counter.n}`,
    table: `lp_e2e_${runId}_${lib}`.replace(/\W/g, '_'),
    prefix: `leakproof:e2e:${runId}:${lib}`,
    acquireTimeoutMs: ACQUIRE_TIMEOUT_MS,
  };
}

function loadSubject(variantDir: string, lib: string, settings: RunSettings, makeGraph: GraphFactory, extra: [string, unknown][] = []) {
  const overrides = new Map<string, unknown>([[path.join(variantDir, 'run.ts'), { run: settings }], ...extra]);
  const graph = makeGraph(overrides);
  const subject = graph.load<Record<string, SubjectFn>>(path.join(variantDir, lib, 'subject.ts'));
  return { graph, subject };
}

// ---------------------------------------------------------------------------------------------- pg

interface PgPoolInternals {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
  _clients: { release(err?: Error | boolean): void }[];
  _idle: { client: unknown }[];
  on(event: string, listener: (...args: unknown[]) => void): void;
  end(): Promise<void>;
}

export const pgLibrary: Library = {
  name: 'pg',
  server: 'PostgreSQL',
  pool: { max: POOL_MAX },
  acquire: /\bpool\.connect\(\)/,
  isExhausted: (e) => /timeout exceeded when trying to connect/i.test(errorText(e)),
  async connect(runId) {
    const admin = new PgClient({ ...pgSettings, application_name: `lp-e2e-${runId}-admin` });
    await admin.connect();
    const counter = { n: 0 };
    const table = settingsFor(runId, 'pg', { n: 0 }).table;
    await admin.query(`CREATE TABLE IF NOT EXISTS ${table} (id integer NOT NULL, step varchar(16) NOT NULL)`);
    const count = async (tag: string) =>
      (await admin.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1', [tag])).rows[0].n;
    return {
      open(variantDir, makeGraph) {
        const settings = settingsFor(runId, 'pg', counter);
        const { graph, subject } = loadSubject(variantDir, 'pg', settings, makeGraph);
        const pool = graph.load<{ pool: PgPoolInternals }>(path.join(variantDir, 'pg', 'pool.ts')).pool;
        pool.on('error', () => {}); // a terminated idle client must not crash the run
        return {
          tag: settings.tag,
          subject,
          stats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, checkedOut: pool.totalCount - pool.idleCount }),
          serverConnections: () => count(settings.tag),
          async destroy() {
            const idle = new Set(pool._idle.map((i) => i.client));
            for (const client of pool._clients.filter((c) => !idle.has(c))) client.release(new Error('e2e cleanup: leaked client'));
            await withTimeout(pool.end().catch(() => {}), 3000);
            await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [settings.tag]);
          },
        };
      },
      async effects(ids) {
        const res = await admin.query<{ id: number; n: number }>(
          `SELECT id, count(*)::int AS n FROM ${table} WHERE id = ANY($1::int[]) GROUP BY id`,
          [ids],
        );
        return new Map(ids.map((id) => [id, res.rows.find((r) => r.id === id)?.n ?? 0]));
      },
      async close() {
        await admin.query(`DROP TABLE IF EXISTS ${table}`).catch(() => {});
        await admin
          .query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name LIKE $1 AND pid <> pg_backend_pid()", [
            `lp-e2e-${runId}-%`,
          ])
          .catch(() => {});
        await admin.end();
      },
    };
  },
};

// ------------------------------------------------------------------------------------ mysql2, mariadb

/** Shared MariaDB administration: the table, effects, and the server's view of a set of thread ids. */
async function mariadbAdmin(runId: string, lib: string) {
  const admin = await mysql.createConnection(mysqlSettings);
  const table = settingsFor(runId, lib, { n: 0 }).table;
  await admin.query(`CREATE TABLE IF NOT EXISTS ${table} (id INT NOT NULL, step VARCHAR(16) NOT NULL) ENGINE=InnoDB`);
  const allThreads = new Set<number>();
  return {
    admin,
    table,
    track(ids: Set<number>) {
      for (const id of ids) allThreads.add(id);
    },
    async count(ids: Set<number>): Promise<number> {
      if (ids.size === 0) return 0;
      const [rows] = await admin.query<mysql.RowDataPacket[]>('SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE ID IN (?)', [
        [...ids],
      ]);
      return Number(rows[0].n);
    },
    async kill(ids: Set<number>): Promise<void> {
      if (ids.size === 0) return;
      const [rows] = await admin.query<mysql.RowDataPacket[]>('SELECT ID FROM information_schema.PROCESSLIST WHERE ID IN (?)', [[...ids]]);
      for (const row of rows) await admin.query(`KILL ${Number(row.ID)}`).catch(() => {});
    },
    async effects(ids: number[]): Promise<Map<number, number>> {
      const [rows] = await admin.query<mysql.RowDataPacket[]>(`SELECT id, COUNT(*) AS n FROM ${table} WHERE id IN (?) GROUP BY id`, [ids]);
      return new Map(ids.map((id) => [id, Number(rows.find((r) => Number(r.id) === id)?.n ?? 0)]));
    },
    async close(): Promise<void> {
      await this.kill(allThreads).catch(() => {});
      await admin.query(`DROP TABLE IF EXISTS ${table}`).catch(() => {});
      await admin.end();
    },
  };
}

interface Mysql2PoolInternals {
  pool: { _allConnections: { length: number }; _freeConnections: { length: number }; _connectionQueue: { length: number } };
  on(event: string, listener: (conn: { threadId: number }) => void): void;
  end(): Promise<void>;
}

/** mysql2 has no acquire timeout: the harness's own per-call timer reports exhaustion. */
export class CallTimeout extends Error {
  constructor(ms: number) {
    super(`e2e harness: the call did not settle within ${ms} ms`);
    this.name = 'CallTimeout';
  }
}

export const mysql2Library: Library = {
  name: 'mysql2',
  server: 'MariaDB',
  pool: { max: POOL_MAX },
  acquire: /\bpool\.getConnection\(\)/,
  isExhausted: (e) => e instanceof CallTimeout,
  async connect(runId) {
    const db = await mariadbAdmin(runId, 'mysql2');
    const counter = { n: 0 };
    return {
      open(variantDir, makeGraph) {
        const settings = settingsFor(runId, 'mysql2', counter);
        const { graph, subject } = loadSubject(variantDir, 'mysql2', settings, makeGraph);
        const pool = graph.load<{ pool: Mysql2PoolInternals }>(path.join(variantDir, 'mysql2', 'pool.ts')).pool;
        const threads = new Set<number>();
        pool.on('connection', (conn) => threads.add(conn.threadId));
        db.track(threads);
        const core = pool.pool;
        return {
          tag: settings.tag,
          subject,
          stats: () => ({
            total: core._allConnections.length,
            idle: core._freeConnections.length,
            waiting: core._connectionQueue.length,
            checkedOut: core._allConnections.length - core._freeConnections.length,
          }),
          serverConnections: () => db.count(threads),
          async destroy() {
            await withTimeout(pool.end().catch(() => {}), 3000);
            db.track(threads);
            await db.kill(threads);
          },
        };
      },
      effects: (ids) => db.effects(ids),
      close: () => db.close(),
    };
  },
};

interface MariadbPoolInternals {
  totalConnections(): number;
  idleConnections(): number;
  activeConnections(): number;
  taskQueueSize(): number;
  on(event: string, listener: (conn: { threadId: number; destroy(): void }) => void): void;
  end(): Promise<void>;
}

export const mariadbLibrary: Library = {
  name: 'mariadb',
  server: 'MariaDB',
  pool: { max: POOL_MAX },
  acquire: /\bpool\.getConnection\(\)/,
  isExhausted: (e) => (e as { code?: string })?.code === 'ER_GET_CONNECTION_TIMEOUT' || /retrieve connection from pool timeout/i.test(errorText(e)),
  async connect(runId) {
    const db = await mariadbAdmin(runId, 'mariadb');
    const counter = { n: 0 };
    return {
      open(variantDir, makeGraph) {
        const settings = settingsFor(runId, 'mariadb', counter);
        const { graph, subject } = loadSubject(variantDir, 'mariadb', settings, makeGraph);
        const pool = graph.load<{ pool: MariadbPoolInternals }>(path.join(variantDir, 'mariadb', 'pool.ts')).pool;
        const threads = new Set<number>();
        const active = new Map<number, { destroy(): void }>();
        pool.on('connection', (conn) => threads.add(conn.threadId));
        pool.on('acquire', (conn) => active.set(conn.threadId, conn));
        pool.on('release', (conn) => active.delete(conn.threadId));
        pool.on('error', () => {});
        db.track(threads);
        return {
          tag: settings.tag,
          subject,
          stats: () => ({
            total: pool.totalConnections(),
            idle: pool.idleConnections(),
            waiting: pool.taskQueueSize(),
            checkedOut: pool.activeConnections(),
          }),
          serverConnections: () => db.count(threads),
          async destroy() {
            // end() would wait 10 s for leaked connections: destroy those first.
            for (const conn of active.values()) conn.destroy();
            await withTimeout(pool.end().catch(() => {}), 3000);
            db.track(threads);
            await db.kill(threads);
          },
        };
      },
      effects: (ids) => db.effects(ids),
      close: () => db.close(),
    };
  },
};

// ------------------------------------------------------------------------------------- ioredis, redis

/** Redis administration: the wrong-type key, CLIENT LIST by name, transaction keys, cleanup. */
async function redisAdmin(runId: string, lib: string) {
  const adminName = `lp-e2e-${runId}-${lib}-admin`;
  const admin = new Redis(redisUrl, { connectionName: adminName, retryStrategy: () => null, maxRetriesPerRequest: 1 });
  const prefix = settingsFor(runId, lib, { n: 0 }).prefix;
  await admin.hset(`${prefix}:wrongtype`, 'field', 'value');
  const clients = async (): Promise<{ id: string; name: string }[]> => {
    const list = (await admin.call('CLIENT', 'LIST')) as string;
    return list
      .split('\n')
      .filter(Boolean)
      .map((line) => ({ id: /(?:^| )id=(\d+)/.exec(line)?.[1] ?? '', name: /(?:^| )name=(\S*)/.exec(line)?.[1] ?? '' }));
  };
  const kill = async (match: (name: string) => boolean) => {
    for (const c of await clients()) if (match(c.name)) await admin.call('CLIENT', 'KILL', 'ID', c.id).catch(() => {});
  };
  return {
    prefix,
    count: async (tag: string) => (await clients()).filter((c) => c.name === tag).length,
    kill,
    async effects(ids: number[]): Promise<Map<number, number>> {
      const out = new Map<number, number>();
      for (const id of ids) out.set(id, await admin.exists(`${prefix}:tx:${id}:first`, `${prefix}:tx:${id}:second`));
      return out;
    },
    async close(): Promise<void> {
      await kill((name) => name.startsWith(`lp-e2e-${runId}-${lib}-`) && name !== adminName).catch(() => {});
      let cursor = '0';
      do {
        const [next, keys] = await admin.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
        if (keys.length) await admin.del(...keys);
        cursor = next;
      } while (cursor !== '0');
      await admin.quit();
    },
  };
}

type RedisAdmin = Awaited<ReturnType<typeof redisAdmin>>;

function redisInstance(
  lib: string,
  runId: string,
  counter: { n: number },
  db: RedisAdmin,
  variantDir: string,
  makeGraph: GraphFactory,
  driver: (track: (client: unknown) => void) => [string, unknown],
  isOpen: (client: never) => boolean,
  forceClose: (client: never) => void,
): Instance {
  const settings = settingsFor(runId, lib, counter);
  const created: unknown[] = [];
  const { subject } = loadSubject(variantDir, lib, settings, makeGraph, [driver((c) => created.push(c))]);
  const open = () => created.filter((c) => isOpen(c as never)).length;
  return {
    tag: settings.tag,
    subject,
    stats: () => ({ total: created.length, idle: 0, waiting: 0, checkedOut: open() }),
    serverConnections: () => db.count(settings.tag),
    async destroy() {
      for (const c of created) if (isOpen(c as never)) forceClose(c as never);
      await db.kill((name) => name === settings.tag);
    },
  };
}

interface IoredisClient {
  status: string;
  on(event: string, listener: () => void): void;
  disconnect(): void;
}

/** `ioredis` as the subject sees it, except that every client made is recorded (for cleanup). */
function trackedIoredis(track: (client: unknown) => void): [string, unknown] {
  const Base = Redis as unknown as new (...args: unknown[]) => IoredisClient;
  class TrackedRedis extends Base {
    constructor(...args: unknown[]) {
      super(...args);
      this.on('error', () => {}); // a leak killed at cleanup must not log "Unhandled error event"
      track(this);
    }
  }
  // `default` and `Redis` are getters on the class: define own properties that shadow them.
  for (const key of ['default', 'Redis']) Object.defineProperty(TrackedRedis, key, { value: TrackedRedis });
  return ['ioredis', TrackedRedis];
}

export const ioredisLibrary: Library = {
  name: 'ioredis',
  server: 'Redis',
  pool: null,
  acquire: /\bnew Redis\(/,
  isExhausted: () => false,
  async connect(runId) {
    const db = await redisAdmin(runId, 'ioredis');
    const counter = { n: 0 };
    return {
      open: (variantDir, makeGraph) =>
        redisInstance(
          'ioredis',
          runId,
          counter,
          db,
          variantDir,
          makeGraph,
          trackedIoredis,
          (c: IoredisClient) => c.status !== 'end',
          (c: IoredisClient) => c.disconnect(),
        ),
      effects: (ids) => db.effects(ids),
      close: () => db.close(),
    };
  },
};

interface NodeRedisClient {
  isOpen: boolean;
  on(event: string, listener: () => void): void;
  destroy(): void;
}

/** `redis` as the subject sees it, except that every client made is recorded (for cleanup). */
function trackedNodeRedis(track: (client: unknown) => void): [string, unknown] {
  const createClient = (...args: Parameters<typeof redisModule.createClient>) => {
    const client = redisModule.createClient(...args);
    (client as unknown as NodeRedisClient).on('error', () => {}); // killed leaks must not throw
    track(client);
    return client;
  };
  return ['redis', { ...redisModule, __esModule: true, createClient }];
}

export const redisLibrary: Library = {
  name: 'redis',
  server: 'Redis',
  pool: null,
  acquire: /\bcreateClient\(/,
  isExhausted: () => false,
  async connect(runId) {
    const db = await redisAdmin(runId, 'redis');
    const counter = { n: 0 };
    return {
      open: (variantDir, makeGraph) =>
        redisInstance(
          'redis',
          runId,
          counter,
          db,
          variantDir,
          makeGraph,
          trackedNodeRedis,
          (c: NodeRedisClient) => c.isOpen,
          (c: NodeRedisClient) => c.destroy(),
        ),
      effects: (ids) => db.effects(ids),
      close: () => db.close(),
    };
  },
};

export const LIBRARIES: readonly Library[] = [pgLibrary, mysql2Library, mariadbLibrary, ioredisLibrary, redisLibrary];
