// Released in a promise chain's finally(): every path ends it, on the chain's own timing. Left alone, and
// nothing to report.
import { createPool } from 'generic-pool';

const pool = createPool({ create: async () => ({ quota: 1 }), destroy: async () => {} });
declare function spend(token: { quota: number }): Promise<number>;

export async function spendOnce(): Promise<number> {
  const token = await pool.acquire();
  return spend(token).finally(() => pool.release(token));
}
