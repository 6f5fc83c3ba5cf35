// A pg Client made and never connected opens no socket: read for its parsed settings, it holds nothing to
// release (keystone's reset helper). One connected and never ended is still reported.
// expect: reported never-released
import pg from 'pg';

export function databaseOf(config: pg.ClientConfig): string {
  const parsed = new pg.Client(config);
  if (!parsed.database) throw new Error('a database name is needed');
  return parsed.database;
}

export async function serverVersion(config: pg.ClientConfig): Promise<string> {
  const client = new pg.Client(config);
  await client.connect();
  const { rows } = await client.query('SHOW server_version');
  return rows[0].server_version;
}
