// A single client made per call and ended through a callback that settles a promise the function awaits.
// A single connection's end is the end of its own lifecycle, and a teardown with a callback carries the
// program on: neither is ever removed (removing this one would leave the promise pending for ever).
import { Client } from 'pg';

export async function serverVersion(): Promise<string> {
  const client = new Client();
  await client.connect();
  const { rows } = await client.query<{ v: string }>('SHOW server_version');
  await new Promise<void>((resolve, reject) => client.end((err) => (err ? reject(err) : resolve())));
  return rows[0].v;
}
