// expect: reported returns-pending-use
// A synchronous function returns a query promise: releasing at scope end would end the client before it settles.
import { Client, type QueryResult } from 'pg';

export function version(verbose: boolean): Promise<QueryResult> {
  const client = new Client();
  if (verbose) console.log('asking the server');
  try {
    return client.query('SELECT version()');
  } finally {
    client.end();
  }
}
