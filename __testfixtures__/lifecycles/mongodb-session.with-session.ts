// A mongodb session: its native disposer ends it with { force: true }, not what the code calls, so an adapter.
// expect[auto,await-using]: fixed fixed-adapter
// expect[with-session]: fixed fixed-native-callback
// expect[try-finally]: fixed fixed-try-finally
import { MongoClient } from 'mongodb';

const client = new MongoClient('mongodb://127.0.0.1:27017');

export async function renameUser(id: string, name: string): Promise<void> {
  await client.withSession(async (session) => {
    await client.db('app').collection('users').updateOne({ id }, { $set: { name } }, { session });
  });
}
