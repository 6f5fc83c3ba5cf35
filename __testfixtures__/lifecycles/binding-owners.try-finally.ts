// Names bound by a class expression, a catch clause and a loop head are followed without crashing, and the
// lifecycle inside the class expression's method is still fixed.
// expect[auto,await-using]: fixed fixed-adapter
// expect[try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
import { Pool } from 'pg';

const pool = new Pool();

export const Repo = class Repo {
  static make() {
    return new Repo();
  }

  async count() {
    const client = await pool.connect();
    try {
      const res = await client.query('SELECT count(*) FROM users');
      return res.rows[0];
    } finally {
      client.release();
    }
  }
};

export async function retry(make: () => Promise<void>) {
  try {
    await make();
  } catch (Failure: any) {
    const failure = new Failure('again');
    failure.end();
  }
  for (const Ctor of [Pool]) {
    const other = new Ctor();
    await other.end();
  }
}
