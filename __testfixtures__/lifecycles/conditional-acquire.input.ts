// expect: reported unsupported-position
// expect: reported stored-in-field
// One branch of a `? :` makes the client; the other may be anything. Said as it is, not "not kept in a
// local variable" (n8n's redisStore).
import Redis from 'ioredis';

declare function storeOn(client: Redis, ttl: number): { get(key: string): Promise<string | null> };

export function redisStore(shared: Redis | undefined, url: string, ttl: number) {
  const client = shared ? shared : new Redis(url);
  return storeOn(client, ttl);
}

// Either branch handed to the caller: a factory, no finding.
export const connect = (url: string, cluster: boolean) => (cluster ? new Redis.Cluster([url]) : new Redis(url));

export function connectTo(url: string, lazy: boolean) {
  return lazy ? new Redis(url, { lazyConnect: true }) : new Redis(url);
}

// Stored in a field: said as such, whichever branch made it (vendure's BullMQ strategy).
export class Jobs {
  private redis: Redis | undefined;

  init(given: Redis | undefined, url: string): void {
    this.redis = given ? given : new Redis(url);
  }
}
