// expect[await-using,with-session]: reported effects-after-release
// expect[auto,try-finally]: fixed fixed-try-finally
// The response is sent only once the awaited end() has succeeded: `using` or a callback would send it before;
// try/finally keeps it after the end() by declaring `rows` before the try.
import { Client } from 'pg';
import type { Response } from 'express';

export async function cities(res: Response) {
  const client = new Client();
  await client.connect();
  let rows;
  try {
    ({ rows } = await client.query('SELECT name FROM cities'));
  } finally {
    await client.end();
  }
  res.json(rows);
}
