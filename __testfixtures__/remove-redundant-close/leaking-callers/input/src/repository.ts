// A class owning a class that owns a pool: no disposer without --modernize either.
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
}
