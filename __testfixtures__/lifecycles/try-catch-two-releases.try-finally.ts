// Released at the end of the try and again in the catch: each completed path releases once, but a throw in
// the catch before its release leaks. One release after the try/catch keeps both paths' order.
// expect[auto,await-using]: fixed fixed-adapter
// expect[try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
import { Pool } from 'pg';

const pool = new Pool();

export async function invoiceTotal(id: string): Promise<number> {
  const client = await pool.connect();
  try {
    const res = await client.query('SELECT total FROM invoices WHERE id = $1', [id]);
    console.log('total read');
    return res.rows[0].total;
  } catch (err) {
    console.error('total failed', err);
    throw err;
  } finally {
    client.release();
  }
}
