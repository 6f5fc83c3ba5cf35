// options: {"helperImport": "./lib/with-session"}
// Awaited work after the release must still run after it: the lifecycle is bounded by a block.
import { Pool } from 'pg';
import { withSession } from './lib/with-session';

const pool = new Pool();
declare function notify(channel: string): Promise<void>;

export async function archive(orderId: number): Promise<void> {
  await withSession(() => pool.connect(), (client) => client.release(), async (client) => {
    await client.query('UPDATE orders SET archived = true WHERE id = $1', [orderId]);
  });
  await notify('orders');
}
