// expect: reported stored-in-field
// The connection is kept in a field that no method of the class releases.
import mysql from 'mysql2/promise';
import type { PoolConnection } from 'mysql2/promise';

const pool = mysql.createPool({ host: '127.0.0.1', user: 'root', database: 'test' });

export class Session {
  private conn?: PoolConnection;

  async open(): Promise<void> {
    this.conn = await pool.getConnection();
  }

  query(sql: string) {
    return this.conn!.query(sql);
  }
}
