// A connection opened in a setup hook and closed in the teardown hook: the test framework runs both, a
// lifecycle across callbacks by design. Left alone, not reported.
import { Client } from 'pg';
import { afterEach, beforeEach, it } from 'vitest';

let client: Client;

beforeEach(async () => {
  client = new Client();
  await client.connect();
});

afterEach(async () => {
  await client.end();
});

it('reads', async () => {
  await client.query('SELECT 1');
});
