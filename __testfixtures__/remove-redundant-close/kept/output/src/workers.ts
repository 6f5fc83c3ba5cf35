// Kept: a caller uses what close() returns (the arrow returns it to map), so removing the call would change
// what stopAll() returns.
// expect: reported referenced-not-called
import type { PoolClient } from 'pg';

export class Worker {
  private client?: PoolClient;

  async run(): Promise<void> {}

  async close(): Promise<void> {
    this.client?.release();
  }
}

export function stopAll(workers: Worker[]): Promise<void[]> {
  return Promise.all(workers.map((w) => w.close()));
}
