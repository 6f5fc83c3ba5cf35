// `new Client(); connect(); end()`: end() moves into an asynchronous disposer.
// expect[auto,await-using]: fixed fixed-adapter
// expect[try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
import { Client } from 'pg';
import { withSession } from './lib/with-session';

export async function migrate(sqlText: string): Promise<void> {
  await withSession(async () => {
    const client = new Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    return client;
  }, (client) => client.end(), async (client) => {
    await client.query(sqlText);
  });
}
