// The client comes from a project module whose closeDb() closes it at shutdown. The close in the finally
// goes; the catch stays.
import { mongo } from './lib/mongo';

export async function recentOrders(limit: number) {
  try {
    return await mongo.db('shop').collection('orders').find().sort({ _id: -1 }).limit(limit).toArray();
  } catch (err) {
    console.error('orders query failed', err);
    return [];
  }
}
