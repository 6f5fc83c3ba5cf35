// A test that mocks the driver (`vi.mock('pg', …)` is hoisted above the imports): its Client holds no
// connection, so there is nothing to release and nothing to report (node-pg-migrate's test/db.spec.ts).
import { Client } from 'pg';
import { expect, it, vi } from 'vitest';

vi.mock('pg', () => ({ Client: vi.fn(() => ({ connect: vi.fn(), query: vi.fn(), end: vi.fn() })) }));

declare function runMigrations(client: Client): Promise<void>;

it('runs the migrations on the client it is given', async () => {
  const client = new Client();
  await client.connect();
  await runMigrations(client);
  await client.end();
  expect(client.query).toHaveBeenCalled();
});
