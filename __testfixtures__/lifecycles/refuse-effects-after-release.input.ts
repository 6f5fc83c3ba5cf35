// expect: reported effects-after-release
// The response is sent only once the awaited end() has succeeded: any rewrite would send it before.
import { Client } from 'pg';
import type { Response } from 'express';

export async function cities(res: Response) {
  const client = new Client();
  await client.connect();
  const { rows } = await client.query('SELECT name FROM cities');
  await client.end();
  res.json(rows);
}
