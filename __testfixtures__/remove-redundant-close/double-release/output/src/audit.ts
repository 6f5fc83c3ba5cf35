// Case 3 with a project class: close() right before the end of the scope would end the pool twice
// (pg rejects a second end()).
// expect: fixed fixed-double-release
import { Database } from './database';

export async function audit(): Promise<number> {
  await using db = new Database();
  const users = await db.count('users');
  return users;
}
