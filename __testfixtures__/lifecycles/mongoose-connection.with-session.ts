// mongoose: `createConnection(uri)` owns a connection pool of its own until close(); `.asPromise()` resolves
// to the same connection once it is open.
// expect[auto,await-using]: fixed fixed-adapter
// expect[try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
import mongoose from 'mongoose';
import { withSession } from './lib/with-session';

export async function collectionNames(uri: string): Promise<string[]> {
  return await withSession(
    () => mongoose.createConnection(uri).asPromise(),
    (conn) => conn.close(),
    async (conn) => {
      const collections = await conn.db!.listCollections().toArray();
      return collections.map((c) => c.name);
    }
  );
}
