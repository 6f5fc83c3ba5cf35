// expect: reported returned-in-use
// expect: reported returned-in-use
// expect: reported returned-in-use
// expect: reported returned-in-use
// Released only when the work throws; when it succeeds, what the function returns goes on using the
// resource (a stream reading the file handle, a cursor on the client): the caller's to release. A finally
// would close them under the caller's feet, so it is reported, not rewritten (n8n's file helpers).
import { open } from 'node:fs/promises';
import { MongoClient } from 'mongodb';
import { Pool } from 'pg';
import QueryStream from 'pg-query-stream';

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

// `client.query(submittable)` hands back the submittable itself (a cursor, a stream), not a promise of rows:
// the caller reads it after the return.
export async function rowsOf(pool: Pool, sql: string) {
  const client = await pool.connect();
  try {
    return client.query(new QueryStream(sql));
  } catch (error) {
    client.release();
    throw error;
  }
}

export async function streamOfRows(pool: Pool, sql: string) {
  const client = await pool.connect();
  const stream = new QueryStream(sql);
  try {
    return client.query(stream);
  } catch (error) {
    client.release();
    throw error;
  }
}
