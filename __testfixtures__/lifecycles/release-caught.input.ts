// expect: reported release-caught
// `close().catch(() => {})` swallows the close's own failure. In a finally around all the work it is already
// safe (`count`: no finding, not even with --modernize, which would drop the catch). Where it runs on the
// happy path only (`names`), a release made in its place would throw that failure: reported as such
// (n8n's MongoDB node, before: "the result of close() is used").
import { MongoClient } from 'mongodb';

export async function count(url: string): Promise<number> {
  const client = await MongoClient.connect(url);
  try {
    return await client.db('app').collection('users').countDocuments();
  } finally {
    await client.close().catch(() => {});
  }
}

export async function names(url: string): Promise<string[]> {
  const client = await MongoClient.connect(url);
  const users = await client.db('app').collection('users').find({}).toArray();
  await client.close().catch(() => {});
  return users.map((u) => String(u.name));
}
