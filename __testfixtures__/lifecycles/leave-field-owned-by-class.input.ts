// The connection is kept in a field and released by another method: the object owns it, no per-call lifecycle.
import mysql from 'mysql2/promise';
import type { PoolConnection } from 'mysql2/promise';

const pool = mysql.createPool({ host: '127.0.0.1', user: 'root', database: 'test' });

export class Session {
  private conn?: PoolConnection;

  async open(): Promise<void> {
    this.conn = await pool.getConnection();
  }

  close(): void {
    this.conn?.release();
  }
}
