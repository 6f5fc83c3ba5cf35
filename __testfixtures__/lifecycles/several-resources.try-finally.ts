// Two resources released in reverse order of acquisition: disposal keeps that order.
// expect[auto,await-using]: fixed fixed-adapter
// expect[auto,await-using]: fixed fixed-native
// expect[try-finally]: fixed fixed-try-finally
// expect[try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
// expect[with-session]: fixed fixed-with-session
import { Pool } from 'pg';
import mysql from 'mysql2/promise';

const pg = new Pool();
const legacy = mysql.createPool({ uri: 'mysql://root@127.0.0.1/test' });

export async function copyCustomers(): Promise<number> {
  const source = await legacy.getConnection();
  try {
    const target = await pg.connect();
    try {
      const [rows] = await source.query('SELECT id, name FROM customers');
      let copied = 0;
      for (const row of rows as { id: number; name: string }[]) {
        await target.query('INSERT INTO customers (id, name) VALUES ($1, $2)', [row.id, row.name]);
        copied++;
      }
      return copied;
    } finally {
      target.release();
    }
  } finally {
    source.release();
  }
}
