// The client comes in as a parameter; the catch releases it before rethrowing, and the finally releases it
// again on that same path.
// expect: reported double-release
import type { PoolClient } from 'pg';

export async function archive(client: PoolClient, id: number): Promise<void> {
  try {
    await client.query('UPDATE orders SET archived = true WHERE id = $1', [id]);
  } catch (err) {
    client.release();
    throw err;
  } finally {
    client.release();
  }
}
