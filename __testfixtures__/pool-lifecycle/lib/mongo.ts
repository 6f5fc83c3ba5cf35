// A project module that owns the MongoClient and closes it at shutdown.
import { MongoClient } from 'mongodb';

export const mongo = new MongoClient('mongodb://127.0.0.1:27017');

export async function closeDb(): Promise<void> {
  await mongo.close();
}
