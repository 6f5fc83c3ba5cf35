// options: {"helperImport": "./lib/with-session"}
// `new Client(); connect(); end()`: end() moves into an asynchronous disposer.
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
