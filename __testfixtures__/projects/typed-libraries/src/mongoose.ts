// mongoose: `createConnection(uri).asPromise()` resolves to the same connection; the chain is the acquire.
import mongoose from 'mongoose';

export async function collectionCount(uri: string): Promise<number> {
  const conn = await mongoose.createConnection(uri).asPromise();
  const collections = await conn.db!.listCollections().toArray();
  await conn.close();
  return collections.length;
}
