// mongoose: `mongoose.startSession()` (and a connection's startSession()) resolves to the mongodb driver's
// ClientSession, ended with endSession(); its disposer is endSession({ force: true }), so an adapter.
// expect[auto,await-using]: fixed fixed-adapter
// expect[auto,await-using]: fixed fixed-adapter
// expect[try-finally]: fixed fixed-try-finally
// expect[try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
// expect[with-session]: fixed fixed-with-session
import mongoose from 'mongoose';
import { withSession } from './lib/with-session';

const Order = mongoose.model('Order', new mongoose.Schema({ total: Number }));

export async function placeOrder(total: number): Promise<string> {
  return await withSession(
    () => mongoose.startSession(),
    (session) => session.endSession(),
    async (session) => {
      const [order] = await Order.create([{ total }], { session });
      return String(order._id);
    }
  );
}

export async function countOrders(conn: mongoose.Connection): Promise<number> {
  return await withSession(
    () => conn.startSession(),
    (session) => session.endSession(),
    async (session) => {
      const n = await conn.db!.collection('orders').countDocuments({}, { session });
      return n;
    }
  );
}
