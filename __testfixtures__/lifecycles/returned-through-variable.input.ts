// expect: reported returned-after-work
// A client assigned in a try and handed to the caller through the variable (or inside an object) is the
// caller's: nothing to report. Only when work that can throw runs between the acquire and the `return` is
// it reported, for then nobody releases it.
import { Client } from 'pg';

export async function connectTo(database: string): Promise<Client> {
  const c = new Client({ database });
  await c.connect();
  return c;
}
declare function migrate(client: Client): Promise<void>;

export async function reconnect(client: Client, database: string): Promise<Client> {
  let next = client;
  try {
    await client.end();
    next = await connectTo(database);
  } catch (e) {
    console.error('could not reconnect', e);
  }
  return next;
}

export async function open(database: string): Promise<{ client: Client; database: string }> {
  let client!: Client;
  try {
    client = await connectTo(database);
  } catch (e) {
    throw new Error(`cannot reach ${database}`);
  }
  return { client, database };
}

export async function openMigrated(database: string): Promise<Client> {
  let client!: Client;
  try {
    client = await connectTo(database);
  } catch (e) {
    throw new Error(`cannot reach ${database}`);
  }
  await migrate(client);
  return client;
}
