import { openStore, type Store } from './store';

export class Catalogue {
  private store: Store = openStore();

  count(): number {
    return this.store.count();
  }

  close(): void {
    this.store.close();
  }
}

export function countItems(): number {
  const c = new Catalogue();
  const n = c.count();
  c.close();
  return n;
}
