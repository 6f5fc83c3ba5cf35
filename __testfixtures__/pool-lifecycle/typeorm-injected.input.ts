// The DataSource is injected: whoever made it closes it. A destroyed DataSource must be initialize()d
// again before any query, so destroying it per call breaks the next one.
import { DataSource } from 'typeorm';

export class OrderService {
  constructor(private readonly dataSource: DataSource) {}

  async total(): Promise<number> {
    const rows: { n: number }[] = await this.dataSource.query('SELECT count(*) AS n FROM orders');
    await this.dataSource.destroy();
    return rows[0].n;
  }
}
