// Kept: close() implements an interface's member, which other code may call through the interface.
// expect: reported inherited-member
import type { PoolClient } from 'pg';

export interface Closeable {
  close(): Promise<void>;
}

export class Connection implements Closeable {
  private client?: PoolClient;

  async ping(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {
    this.client?.release();
  }
}
