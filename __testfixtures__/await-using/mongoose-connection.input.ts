// mongoose: `createConnection(uri)` owns a connection pool of its own until close(); `.asPromise()` resolves
// to the same connection once it is open.
import mongoose from 'mongoose';

export async function collectionNames(uri: string): Promise<string[]> {
  const conn = await mongoose.createConnection(uri).asPromise();
  const collections = await conn.db!.listCollections().toArray();
  await conn.close();
  return collections.map((c) => c.name);
}
