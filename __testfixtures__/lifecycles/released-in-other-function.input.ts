// expect: reported released-in-other-function
// A script's client made at module level and ended inside main(): the release is in an ordinary function,
// not a callback, and that is what the finding says. A client closed by a SIGTERM handler lives as long as
// the process: not a lifecycle at all, so no finding.
import { Client } from 'pg';

const client = new Client();

async function main(): Promise<void> {
  await client.connect();
  const res = await client.query('SELECT count(*) AS n FROM users');
  console.log(res.rows[0].n);
  await client.end();
}

void main();

export async function listen(): Promise<Client> {
  const listener = new Client();
  await listener.connect();
  await listener.query('LISTEN jobs');
  process.once('SIGTERM', () => {
    void listener.end();
  });
  return listener;
}
