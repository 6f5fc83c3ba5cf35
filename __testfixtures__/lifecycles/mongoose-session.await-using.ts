// mongoose: `mongoose.startSession()` (and a connection's startSession()) resolves to the mongodb driver's
// ClientSession, ended with endSession(); its disposer is endSession({ force: true }), so an adapter.
// expect[auto,await-using]: fixed fixed-adapter
// expect[auto,await-using]: fixed fixed-adapter
// expect[try-finally]: fixed fixed-try-finally
// expect[try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
// expect[with-session]: fixed fixed-with-session
import mongoose from 'mongoose';

const Order = mongoose.model('Order', new mongoose.Schema({ total: Number }));

export async function placeOrder(total: number): Promise<string> {
  const session = await mongoose.startSession();
  await using _releaseSession = { [Symbol.asyncDispose]: async () => { await session.endSession(); } };
  const [order] = await Order.create([{ total }], { session });
  return String(order._id);
}

export async function countOrders(conn: mongoose.Connection): Promise<number> {
  const session = await conn.startSession();
  await using _releaseSession = { [Symbol.asyncDispose]: async () => { await session.endSession(); } };
  const n = await conn.db!.collection('orders').countDocuments({}, { session });
  return n;
}
