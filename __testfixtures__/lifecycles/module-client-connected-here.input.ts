// A module's client connected and ended by one function (a seeder): `using` gets a disposer after the
// connect, as the try-finally style gets its finally.
// expect[auto,await-using]: fixed fixed-adapter
// expect[try-finally]: fixed fixed-try-finally
// expect[with-session]: reported connected-here
import { Client } from 'pg';

const client = new Client({ connectionString: process.env.DATABASE_URL });

async function seedTeam(name: string): Promise<void> {
  await client.query('INSERT INTO teams (name) VALUES ($1)', [name]);
}

export async function seed(): Promise<void> {
  await client.connect();
  await client.query('DELETE FROM teams');
  await seedTeam('Celtics');
  await client.end();
}
