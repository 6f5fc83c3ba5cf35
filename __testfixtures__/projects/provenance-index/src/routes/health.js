import { getClient } from '../lib/clients';

// Already safe: released in a finally. Left alone.
export async function health() {
  const client = await getClient();
  try {
    await client.query('SELECT 1');
    return true;
  } finally {
    client.release();
  }
}
