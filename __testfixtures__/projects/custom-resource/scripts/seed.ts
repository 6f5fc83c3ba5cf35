// Left alone: leakproof.config.json ignores scripts/**.
import { getConn } from '../src/db';

export async function seed(): Promise<void> {
  const conn = await getConn();
  await conn.query("INSERT INTO orders VALUES (1, 'seed')");
  await conn.free();
}
