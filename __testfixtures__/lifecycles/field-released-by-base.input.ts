// A client kept in a field that a base class in the same file releases (`disconnect()` calls
// `this.client.disconnect()`) is owned by the object: no finding. A field nothing releases is reported.
// expect: reported stored-in-field
import { createClient, type RedisClientType } from 'redis';

abstract class CacheBase {
  client?: RedisClientType;

  async disconnect() {
    if (this.client) await this.client.disconnect();
  }
}

export class RedisCache extends CacheBase {
  constructor(url?: string) {
    super();
    if (url) this.client = createClient({ url }) as RedisClientType;
  }
}

export class Leaky {
  other?: RedisClientType;

  constructor(url: string) {
    this.other = createClient({ url }) as RedisClientType;
  }
}
