// Callers of close() in other shapes: an awaited statement, an unawaited one behind a guard, and the
// whole body of a listener whose result nobody reads.
// expect: fixed fixed-call-removed
// expect: fixed fixed-call-removed
// expect: fixed fixed-call-removed
import { Pool } from 'pg';
import { UserStore } from './user-store';

export async function nightly(pool: Pool): Promise<number> {
  const store = new UserStore(pool);
  const name = await store.findName(1);
  await store.close();
  return name ? 1 : 0;
}

export class Job {
  private store: UserStore | null = null;

  start(pool: Pool): void {
    this.store = new UserStore(pool);
  }

  stop(): void {
    if (this.store) this.store.close();
    this.store = null;
  }
}

export function closeOnExit(store: UserStore): void {
  process.once('beforeExit', () => store.close());
}
