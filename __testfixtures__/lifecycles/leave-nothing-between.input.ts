// Connected and ended with nothing in between: nothing can skip the release, so there is nothing to do.
import { Client } from 'pg';

export async function canConnect(): Promise<void> {
  const client = new Client();
  await client.connect();
  await client.end();
}
