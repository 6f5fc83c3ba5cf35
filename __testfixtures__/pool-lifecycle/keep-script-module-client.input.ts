// A job script with a module-level pg Client: run() is called by the module's top level, ends the client
// on its early exit and at its end, and the process exits. Both ends stay; neither is anyone's "shutdown hook".
import { Client } from 'pg';

const client = new Client();

async function run(): Promise<void> {
  await client.connect();
  const { rows } = await client.query<{ id: number }>('SELECT id FROM jobs WHERE done = false');
  if (rows.length === 0) {
    await client.end();
    return;
  }
  for (const row of rows) await client.query('UPDATE jobs SET done = true WHERE id = $1', [row.id]);
  await client.end();
}

run().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
