// A seed script: seed() runs once from the module's top level, and its finally ends the client so the
// process can exit. It stays.
import { Client } from 'pg';

async function seed(): Promise<void> {
  const client = new Client();
  await client.connect();
  try {
    await client.query("INSERT INTO users (name) VALUES ('ada'), ('grace')");
  } finally {
    await client.end();
  }
}

void seed();
