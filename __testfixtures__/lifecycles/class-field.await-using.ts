// The pool is a class field set in the constructor.
// expect[auto,await-using]: fixed fixed-adapter
// expect[try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
import { Pool } from 'pg';

export class UserRepository {
  private readonly pool: Pool;

  constructor(connectionString: string) {
    this.pool = new Pool({ connectionString });
  }

  async rename(id: number, name: string): Promise<void> {
    const client = await this.pool.connect();
    using _releaseClient = { [Symbol.dispose]: () => client.release() };
    await client.query('UPDATE users SET name = $1 WHERE id = $2', [name, id]);
  }
}
