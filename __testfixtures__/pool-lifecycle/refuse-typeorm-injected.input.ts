// expect: reported pool-origin-unknown
// The DataSource is passed to the constructor: whoever makes the service decides how long it lives. A
// destroyed DataSource must be initialize()d again before any query, so destroying a shared one per call
// breaks the next call — but nothing here shows it is shared, so the call is reported and stays.
import { DataSource } from 'typeorm';

export class OrderService {
  constructor(private readonly dataSource: DataSource) {}

  async total(): Promise<number> {
    const rows: { n: number }[] = await this.dataSource.query('SELECT count(*) AS n FROM orders');
    await this.dataSource.destroy();
    return rows[0].n;
  }
}
