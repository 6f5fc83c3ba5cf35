// Hands out a query runner with a transaction already started; the caller commits and releases it.
import { DataSource } from 'typeorm';

export class UnitOfWork {
  constructor(private readonly dataSource: DataSource) {}

  async begin() {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    return runner;
  }

  /** The data source's own manager: shared, nothing to release. */
  manager() {
    return this.dataSource.manager;
  }
}
