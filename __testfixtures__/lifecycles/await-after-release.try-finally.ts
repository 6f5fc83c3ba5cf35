// Awaited work after the release must still run after it: the lifecycle is bounded by a block.
// expect[auto,await-using]: fixed fixed-adapter
// expect[try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
import { Pool } from 'pg';

const pool = new Pool();
declare function notify(channel: string): Promise<void>;

export async function archive(orderId: number): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('UPDATE orders SET archived = true WHERE id = $1', [orderId]);
  } finally {
    client.release();
  }
  await notify('orders');
}
