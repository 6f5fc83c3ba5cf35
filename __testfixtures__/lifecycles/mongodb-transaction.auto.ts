// A mongodb transaction begun just before the try that aborts it; the session also rides along in a cursor
// chain that is awaited on the spot.
// expect[auto,await-using]: fixed fixed-adapter
// expect[with-session]: fixed fixed-native-callback
// expect[try-finally]: fixed fixed-try-finally
import { MongoClient } from 'mongodb';

const client = new MongoClient('mongodb://127.0.0.1:27017');
const orders = client.db('shop').collection<{ id: number; total: number }>('orders');

export async function repriceAll(factor: number): Promise<number> {
  const session = client.startSession();
  await using _releaseSession = { [Symbol.asyncDispose]: async () => { await session.endSession(); } };
  session.startTransaction();
  let changed = 0;
  try {
    const all = await orders.find({}, { session }).sort({ id: 1 }).toArray();
    for (const o of all) {
      await orders.updateOne({ id: o.id }, { $set: { total: o.total * factor } }, { session });
      changed++;
    }
    await session.commitTransaction();
  } catch (err) {
    await session.abortTransaction();
    throw err;
  }
  return changed;
}
