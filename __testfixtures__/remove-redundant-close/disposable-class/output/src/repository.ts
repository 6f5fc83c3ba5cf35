// A class that owns a class that owns a pool owns a resource too: Repository makes its Database and
// dispose() closes it, so Repository becomes disposable as well.
// expect: modernized fixed-disposable
import { Database } from './database';

export class Repository {
  private readonly db = new Database();

  async names(): Promise<string[]> {
    const rows = await this.db.query<{ name: string }>('SELECT name FROM users');
    return rows.map((r) => r.name);
  }

  async dispose(): Promise<void> {
    await this.db.close();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.dispose();
  }
}
