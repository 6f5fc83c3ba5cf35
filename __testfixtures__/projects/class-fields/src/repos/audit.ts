import { Registry } from '../data/registry';

// A client of the static pool, released on the happy path only.
export async function record(event: string): Promise<void> {
  const client = await Registry.pool.connect();
  await client.query('INSERT INTO audit (event, source) VALUES ($1, $2)', [event, Registry.label]);
  client.release();
}
