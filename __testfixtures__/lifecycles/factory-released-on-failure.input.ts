// A factory that hands the client to its caller once connected and ends it when connecting fails: every
// path either gives it away or lets it go. Nothing to fix, nothing to report (keystone's test helpers).
// The last one has work that can throw between the acquire and the try: reported, as before.
// expect: reported returned
import pg from 'pg';

export async function connect(config: pg.ClientConfig): Promise<pg.Client> {
  const client = new pg.Client(config);
  try {
    await client.connect();
    return client;
  } catch (error) {
    await client.end().catch(() => {});
    throw error;
  }
}

export async function connectInside(config: pg.ClientConfig): Promise<pg.Client> {
  try {
    const client = new pg.Client(config);
    await client.connect();
    return client;
  } catch (error) {
    throw error;
  }
}

export async function connectAfterWork(config: pg.ClientConfig, check: () => Promise<void>): Promise<pg.Client> {
  const client = new pg.Client(config);
  await check();
  try {
    await client.connect();
    return client;
  } catch (error) {
    await client.end();
    throw error;
  }
}
