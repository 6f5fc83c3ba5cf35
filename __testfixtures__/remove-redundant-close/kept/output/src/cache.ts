// Case 4: close() releases nothing any more, but the class is exported from the package entry point:
// code outside this project may call it, so it stays.
// expect: reported public-api
import type { PoolClient } from 'pg';

export class Cache {
  private client?: PoolClient;

  get(key: string): string | undefined {
    return key.length > 0 ? undefined : key;
  }

  async close(): Promise<void> {
    this.client?.release();
  }
}
