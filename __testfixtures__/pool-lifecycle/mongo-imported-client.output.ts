// The client comes from a project module whose closeDb() closes it once, and does nothing else with it.
// The close after the query goes; the try and its catch stay as they are.
// expect: fixed fixed-teardown-removed
import { mongo } from './lib/mongo';

export async function recentOrders(limit: number) {
  try {
    const orders = await mongo.db('shop').collection('orders').find().sort({ _id: -1 }).limit(limit).toArray();
    return orders;
  } catch (err) {
    console.error('orders query failed', err);
    return [];
  }
}
