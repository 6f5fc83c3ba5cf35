// The session is used inside the awaited withTransaction callback: that callback cannot outlive the scope.
// expect[auto,await-using]: fixed fixed-adapter
// expect[with-session]: fixed fixed-native-callback
// expect[try-finally]: fixed fixed-try-finally
import { MongoClient } from 'mongodb';

const client = new MongoClient('mongodb://127.0.0.1:27017');
const accounts = client.db('bank').collection<{ id: string; balance: number }>('accounts');

export async function move(from: string, to: string, amount: number): Promise<void> {
  const session = client.startSession();
  await using _releaseSession = { [Symbol.asyncDispose]: async () => { await session.endSession(); } };
  await session.withTransaction(async () => {
    await accounts.updateOne({ id: from }, { $inc: { balance: -amount } }, { session });
    await accounts.updateOne({ id: to }, { $inc: { balance: amount } }, { session });
  });
}
