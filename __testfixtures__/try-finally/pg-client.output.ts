// `new Client(); connect(); end()`: end() moves into an asynchronous disposer.
import { Client } from 'pg';

export async function migrate(sqlText: string): Promise<void> {
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query(sqlText);
  } finally {
    await client.end();
  }
}
