// A caller whose finally held nothing but the close() call: the finally goes whole, and the try with it.
// expect: fixed fixed-call-removed
import { Pool } from 'pg';
import { UserStore } from './user-store';

const pool = new Pool();

export async function printName(id: number): Promise<void> {
  const store = new UserStore(pool);
  try {
    const name = await store.findName(id);
    console.log(name ?? '(unknown)');
  } finally {
    await store.close();
  }
}
