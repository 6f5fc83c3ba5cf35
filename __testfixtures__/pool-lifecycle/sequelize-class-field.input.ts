// Sequelize held in a class field. A closed Sequelize instance cannot reconnect, so the second count()
// fails. The class's own close() method is the shutdown hook and keeps its call.
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
