// expect: reported release-result-used
// The promise of end() is returned: the call is not a statement a disposer can replace.
import { Client } from 'pg';

export async function run(sqlText: string): Promise<void> {
  const client = new Client();
  await client.connect();
  await client.query(sqlText);
  return client.end();
}
