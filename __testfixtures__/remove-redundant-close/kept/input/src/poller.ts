// Kept: nothing calls close() by name, but a poller is handed to code that needs `{ close(): … }` —
// removing the method would break that call (the checker is asked before anything is removed).
// expect: reported still-required
import type { PoolClient } from 'pg';

export class Poller {
  private client?: PoolClient;

  async poll(): Promise<number> {
    return 0;
  }

  async close(): Promise<void> {
    this.client?.release();
  }
}

const closing: { close(): Promise<void> }[] = [];

export function closeAtExit(resource: { close(): Promise<void> }): void {
  closing.push(resource);
}

closeAtExit(new Poller());
