// expect[auto,await-using]: fixed fixed-adapter
// expect[try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
// A tail that only computes and logs may run before the release: nobody can tell.
import { Client } from 'pg';

export async function cityNames() {
  const client = new Client();
  await client.connect();
  const { rows } = await client.query<{ name: string }>('SELECT name FROM cities');
  await client.end();
  console.log('read %d cities', rows.length);
  return rows.map((r) => r.name.trim());
}
