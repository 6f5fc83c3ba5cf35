// Every repository reaches the store through the field it inherits.
import { Store } from './store';

export abstract class Repository {
  protected store: Store;

  constructor(protected readonly table: string) {
    this.store = Store.shared();
  }

  async count(): Promise<number> {
    const res = await this.store.handle()!.query(`SELECT count(*) FROM ${this.table}`);
    return Number(res.rows[0].count);
  }
}
