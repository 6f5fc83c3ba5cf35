// mongoose: `createConnection(uri)` owns a connection pool of its own until close(); `.asPromise()` resolves
// to the same connection once it is open.
// expect[auto,await-using]: fixed fixed-adapter
// expect[try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
import mongoose from 'mongoose';

export async function collectionNames(uri: string): Promise<string[]> {
  const conn = await mongoose.createConnection(uri).asPromise();
  const collections = await conn.db!.listCollections().toArray();
  await conn.close();
  return collections.map((c) => c.name);
}
