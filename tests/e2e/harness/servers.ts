// Where the e2e servers are (the usual environment variables, with the defaults `npm run services` starts)
// and whether they answer. A server that does not answer skips its libraries, except under CI.
import * as net from 'node:net';

export type ServerName = 'PostgreSQL' | 'MariaDB' | 'Redis';

export interface Endpoint {
  host: string;
  port: number;
}

export const pgSettings = {
  host: process.env.PGHOST ?? '127.0.0.1',
  port: Number(process.env.PGPORT ?? 5432),
  user: process.env.PGUSER ?? 'postgres',
  database: process.env.PGDATABASE ?? 'test',
  password: process.env.PGPASSWORD,
};

export const mysqlSettings = {
  host: process.env.MYSQL_HOST ?? '127.0.0.1',
  port: Number(process.env.MYSQL_PORT ?? 3306),
  user: process.env.MYSQL_USER ?? 'root',
  password: process.env.MYSQL_PASSWORD ?? '',
  database: process.env.MYSQL_DATABASE ?? 'test',
};

export const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

function redisEndpoint(): Endpoint {
  const url = new URL(redisUrl);
  return { host: url.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1', port: Number(url.port || 6379) };
}

export const endpoints: Record<ServerName, Endpoint> = {
  PostgreSQL: { host: pgSettings.host, port: pgSettings.port },
  MariaDB: { host: mysqlSettings.host, port: mysqlSettings.port },
  Redis: redisEndpoint(),
};

export type Reachability = { ok: true } | { ok: false; reason: string };

/** TCP connect within `timeoutMs`. */
export function probe(endpoint: Endpoint, timeoutMs = 1500): Promise<Reachability> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: endpoint.host, port: endpoint.port });
    const done = (r: Reachability) => {
      socket.destroy();
      resolve(r);
    };
    socket.setTimeout(timeoutMs, () => done({ ok: false, reason: `no answer within ${timeoutMs} ms` }));
    socket.once('connect', () => done({ ok: true }));
    socket.once('error', (err: NodeJS.ErrnoException) => done({ ok: false, reason: err.code ?? err.message }));
  });
}

export async function probeAll(): Promise<Record<ServerName, Reachability>> {
  const names = Object.keys(endpoints) as ServerName[];
  const results = await Promise.all(names.map((n) => probe(endpoints[n])));
  return Object.fromEntries(names.map((n, i) => [n, results[i]])) as Record<ServerName, Reachability>;
}

/** Under CI an unreachable server fails the run instead of skipping its tests. */
export const failWhenUnreachable = !!process.env.CI && process.env.CI !== 'false' && process.env.CI !== '0';
