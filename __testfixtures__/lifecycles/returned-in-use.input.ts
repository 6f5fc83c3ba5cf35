// expect: reported returned-in-use
// expect: reported returned-in-use
// Released only when the work throws; when it succeeds, what the function returns goes on using the
// resource (a stream reading the file handle, a cursor on the client): the caller's to release. A finally
// would close them under the caller's feet, so it is reported, not rewritten (n8n's file helpers).
import { open } from 'node:fs/promises';
import { MongoClient } from 'mongodb';

export async function streamOf(file: string) {
  const handle = await open(file, 'r');
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new Error(`${file} is not a file`);
    return handle.createReadStream();
  } catch (error) {
    await handle.close();
    throw error;
  }
}

export async function usersOf(url: string) {
  const client = new MongoClient(url);
  await client.connect();
  try {
    return client.db('app').collection('users').find({});
  } catch (error) {
    await client.close();
    throw error;
  }
}
