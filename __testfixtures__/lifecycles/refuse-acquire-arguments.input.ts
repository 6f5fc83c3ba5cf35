// expect[auto,with-session]: reported acquire-arguments
// expect[await-using]: reported transaction-needs-callback
// expect[try-finally]: fixed fixed-try-catch
// A priority for acquire() has no place in pool.use(cb)'s declared signature.
import { createPool } from 'generic-pool';

const pool = createPool({ create: async () => ({ id: 1 }), destroy: async () => {} });

export async function urgent(work: (r: { id: number }) => Promise<void>): Promise<void> {
  const resource = await pool.acquire(1);
  await work(resource);
  await pool.release(resource);
}
