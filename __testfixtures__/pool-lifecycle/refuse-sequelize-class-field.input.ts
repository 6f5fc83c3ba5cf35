// expect: reported pool-origin-unknown
// Sequelize held in a class field: each instance makes its own. Whether the class is made once per process
// (then close() per count() breaks the next one) or per request (then close() is its only release) cannot
// be told from the class, so the call is reported and stays.
import { Sequelize } from 'sequelize';

export class Reports {
  private readonly sequelize = new Sequelize('postgres://localhost/reports');

  async count(table: string): Promise<unknown> {
    const [rows] = await this.sequelize.query(`SELECT count(*) FROM ${table}`);
    await this.sequelize.close();
    return rows;
  }

  async close(): Promise<void> {
    await this.sequelize.close();
  }
}
