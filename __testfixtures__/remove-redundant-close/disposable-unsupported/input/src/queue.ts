// With --modernize: the queue owns its pool, but close() needs an argument a disposer cannot choose, so the
// class gets no disposer, and says why.
// expect: reported disposable-unsupported
import { Pool } from 'pg';

export class JobQueue {
  private readonly pool = new Pool();

  async push(job: string): Promise<void> {
    await this.pool.query('INSERT INTO jobs (name) VALUES ($1)', [job]);
  }

  async close(reason: string): Promise<void> {
    console.log(`queue closing: ${reason}`);
    await this.pool.end();
  }
}
