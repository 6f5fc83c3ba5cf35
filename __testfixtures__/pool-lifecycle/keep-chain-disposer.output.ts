// What the lifecycles transform makes of a client made per call: its end() in a disposer or a finally, on
// every path. pool-lifecycle runs next in the default chain and must leave those releases as they are
// (issue 12: it used to empty the disposer and report a missing shutdown hook).
import { Client } from 'pg';
import { MongoClient } from 'mongodb';

export async function countUsers(sql: string) {
  const client = new Client();
  await client.connect();
  await using _releaseClient = { [Symbol.asyncDispose]: async () => { await client.end(); } };
  const res = await client.query(sql);
  return res.rows;
}

export async function countUsersArrow(sql: string) {
  const client = new Client();
  await client.connect();
  await using _releaseClient = { [Symbol.asyncDispose]: async () => client.end() };
  const res = await client.query(sql);
  return res.rows;
}

export async function countDocs(url: string) {
  const client = new MongoClient(url);
  try {
    await client.connect();
    return await client.db('shop').collection('orders').countDocuments();
  } finally {
    await client.close();
  }
}
