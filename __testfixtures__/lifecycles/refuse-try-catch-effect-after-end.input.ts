// An awaited end() in the try and in the catch, with a callback after the catch's: one end() after the
// catch would run the callback first, and a failing end() would no longer stop it.
// expect: reported effects-after-release
import { Client } from 'pg';

export async function ping(done: (e?: unknown) => void): Promise<void> {
  const client = new Client();
  await client.connect();
  try {
    await client.query('SELECT 1');
    await client.end();
  } catch (err) {
    await client.end();
    done(err);
  }
}
