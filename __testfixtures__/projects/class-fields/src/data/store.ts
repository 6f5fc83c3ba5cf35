// The process's one store: a pg pool behind a lazily made singleton.
import { Pool } from 'pg';

export class Store {
  private static current: Store | undefined;
  private pool: Pool | undefined;

  static shared(): Store {
    if (!Store.current) Store.current = new Store();
    return Store.current;
  }

  open(): void {
    this.pool ??= new Pool({ max: 4 });
  }

  /** A client of the pool, for the caller to release. */
  checkout() {
    if (!this.pool) throw new Error('store not open');
    return this.pool.connect();
  }

  /** The pool itself, shared: no checkout. */
  handle() {
    return this.pool;
  }
}
