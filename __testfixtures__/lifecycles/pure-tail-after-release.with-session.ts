// expect[auto,await-using]: fixed fixed-adapter
// expect[try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
// A tail that only computes and logs may run before the release: nobody can tell.
import { Client } from 'pg';
import { withSession } from './lib/with-session';

export async function cityNames() {
  return await withSession(async () => {
    const client = new Client();
    await client.connect();
    return client;
  }, (client) => client.end(), async (client) => {
    const { rows } = await client.query<{ name: string }>('SELECT name FROM cities');
    console.log('read %d cities', rows.length);
    return rows.map((r) => r.name.trim());
  });
}
